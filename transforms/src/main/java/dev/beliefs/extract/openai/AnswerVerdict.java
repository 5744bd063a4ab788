package dev.beliefs.extract.openai;

import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.MalformedAnswerException;
import dev.beliefs.extract.prompt.ModelBelief;
import java.util.List;

/**
 * What to make of a chat answer, in every mode alike (online and through the Batch API): beliefs
 * that parse are {@link Accepted}; a refusal fails the chunk; an answer cut off by {@code
 * max_tokens} is asked again once with twice the tokens, and fails the second time; an answer that
 * is not JSON of the schema is asked again.
 */
public sealed interface AnswerVerdict {

  /** The answer's beliefs, as the model stated them. */
  record Accepted(List<ModelBelief> beliefs) implements AnswerVerdict {}

  /**
   * Worth another request.
   *
   * @param enlarge the next request asks for twice the {@code max_tokens}
   */
  record Retry(String reason, String detail, boolean enlarge) implements AnswerVerdict {}

  /** Asking again cannot help: the chunk fails with this reason. */
  record Fail(String reason, String detail) implements AnswerVerdict {}

  /**
   * Judges {@code response}.
   *
   * @param maxTokens the {@code max_tokens} the request asked for
   * @param enlarged whether that was already twice the configured tokens
   */
  static AnswerVerdict of(ChatResponse response, int maxTokens, boolean enlarged) {
    if (response.refusal() != null) {
      return new Fail("refused", "the model refused: " + response.refusal());
    }
    if ("length".equals(response.finishReason())) {
      if (enlarged) {
        return new Fail(
            "truncated",
            "the answer was cut off at max_tokens="
                + maxTokens
                + " twice; use a smaller level for this transcript or raise --maxTokens");
      }
      return new Retry("truncated", "the answer was cut off at max_tokens", true);
    }
    try {
      return new Accepted(BeliefAnswer.parse(String.valueOf(response.content())));
    } catch (MalformedAnswerException e) {
      return new Retry("malformed_answer", e.getMessage(), false);
    }
  }
}
