package dev.beliefs.pipeline;

import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.io.RunSummary;
import java.util.Map;
import java.util.Optional;

/**
 * A run the API refused as a whole (no credit, a key refused, a model it may not or cannot use):
 * each worker stopped asking at the first such answer, and the run ends with one line saying why
 * and exit code 2, however far it got, since nothing but a change of account or configuration
 * helps.
 */
final class RefusedRun {

  /** Reason words of failures that refuse every request, and what each means for the user. */
  private static final Map<String, String> PROBLEMS =
      Map.of(
          ApiErrorException.INSUFFICIENT_QUOTA,
          "the account has no credit left (429 insufficient_quota): add credit or raise its"
              + " spending limit",
          "http_401",
          "the API key was refused (HTTP 401): check OPENAI_API_KEY",
          "http_403",
          "the server does not let this key use the model (HTTP 403): see failures/ for its message",
          "http_404",
          "the server has no such model or endpoint (HTTP 404): check --model and --baseUrl");

  private RefusedRun() {}

  /** The one line to end a refused run with; empty when the run was not refused. */
  static Optional<String> problem(RunSummary summary) {
    for (Map.Entry<String, Long> failed : summary.failureReasons().entrySet()) {
      String problem = PROBLEMS.get(failed.getKey());
      if (problem != null) {
        long unanswered = summary.chunksFailed();
        return Optional.of(
            problem
                + "; "
                + unanswered
                + (unanswered == 1 ? " chunk was" : " chunks were")
                + " not answered. The same command then asks only for those: answers so far are"
                + " cached.");
      }
    }
    return Optional.empty();
  }
}
