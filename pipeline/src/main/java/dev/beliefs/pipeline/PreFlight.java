package dev.beliefs.pipeline;

import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.extract.openai.OpenAiClient;
import dev.beliefs.io.OutputFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What {@code extract} checks before the job starts, so that nothing is paid for a run that could
 * not keep its answers: the output (and the response cache) can be written, and the server takes
 * the key, by one call that costs nothing ({@code GET /models}). An offline run makes no call.
 *
 * <p>The output must be writable from here in any case: this JVM reads the run summary back and
 * appends to {@code runs.jsonl}. The response cache is written only by the workers: with a remote
 * Flink cluster, a cache this machine cannot write is a warning.
 *
 * <p>What the answer to {@code GET /models} means:
 *
 * <ul>
 *   <li>200: the key is taken.
 *   <li>401 for a wrong key, or none: a {@link ConfigurationException}; not one chunk is sent. A
 *       401 for a restricted key that may not list models ("insufficient permissions") says nothing
 *       of chat completions and is let go with a warning.
 *   <li>429 {@code insufficient_quota}: no credit, a {@link ConfigurationException}.
 *   <li>403, 404, 405, 501 and other errors: the server does not list models to this key (many
 *       OpenAI-compatible servers have no {@code /models}), so the key cannot be checked this way;
 *       one line says so and the run goes on. The first chat completion refused for every request
 *       (401, 403, 404, no credit) then stops the run's other requests.
 *   <li>No answer (the server cannot be reached): a {@link ConfigurationException} when this JVM
 *       makes the calls; with a remote Flink cluster, whose TaskManagers may reach what this
 *       machine cannot, a warning.
 * </ul>
 *
 * <p>With a remote Flink cluster and no key here, the key lives on the TaskManagers (it is never a
 * pipeline option) and is not checked.
 */
final class PreFlight {

  private static final Duration MODELS_TIMEOUT = Duration.ofSeconds(30);

  private PreFlight() {}

  static void check(
      BeliefOptions options, JobSettings settings, ApiKeySource apiKeys, PrintStream err)
      throws ConfigurationException {
    writable("--output=" + options.getOutput(), options.getOutput());
    if (settings.offline()) {
      return;
    }
    boolean callsHere = callsFromThisJvm(options);
    String cache = OutputDirs.cacheDir(options);
    try {
      writable("--cacheDir=" + cache, cache);
    } catch (ConfigurationException e) {
      if (callsHere) {
        throw e;
      }
      err.println("warning: " + e.getMessage() + " from here; the TaskManagers may write it");
    }
    String key = apiKeys.apiKey();
    if (key == null && !callsHere) {
      return;
    }
    String baseUrl = ExtractorChoice.baseUrl(options);
    Duration connect = Duration.ofSeconds(options.getConnectTimeoutSeconds());
    Duration read =
        MODELS_TIMEOUT.compareTo(Duration.ofSeconds(options.getRequestTimeoutSeconds())) < 0
            ? MODELS_TIMEOUT
            : Duration.ofSeconds(options.getRequestTimeoutSeconds());
    try (OpenAiClient client = new OpenAiClient(baseUrl, key, connect, read)) {
      client.listModels();
    } catch (ApiErrorException e) {
      refused(e, baseUrl, key != null, err);
    } catch (IOException e) {
      String problem =
          "cannot reach "
              + baseUrl
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")";
      if (callsHere) {
        throw new ConfigurationException(problem + "; check --baseUrl and the network");
      }
      err.println("warning: " + problem + "; the cluster's TaskManagers may reach it");
    }
  }

  private static void refused(ApiErrorException e, String baseUrl, boolean withKey, PrintStream err)
      throws ConfigurationException {
    if (e.isInsufficientQuota()) {
      throw new ConfigurationException(
          "the account has no credit left (" + baseUrl + " answered " + e.getMessage() + ")");
    }
    if (e.status() == 401 && !mayNotListModels(e)) {
      throw new ConfigurationException(
          withKey
              ? "the API key was refused: "
                  + baseUrl
                  + "/models answered "
                  + e.getMessage()
                  + "; check OPENAI_API_KEY"
              : baseUrl + " needs an API key (" + e.getMessage() + "); set OPENAI_API_KEY");
    }
    err.println(
        "warning: could not check the API key: "
            + baseUrl
            + "/models answered "
            + firstLine(e.getMessage())
            + "; going on (a request refused for every chunk stops the run)");
  }

  /** OpenAI's 401 for a restricted key without the permission to list models. */
  private static boolean mayNotListModels(ApiErrorException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("insufficient permissions") || message.contains("missing scopes");
  }

  /**
   * The DirectRunner and Flink's embedded cluster send from this JVM; a remote cluster does not.
   */
  private static boolean callsFromThisJvm(BeliefOptions options) {
    if (!FlinkRunner.class.equals(options.getRunner())) {
      return true;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    return master != null && master.equals("[local]");
  }

  /** Creates and removes a file in {@code directory}, creating the directory if need be. */
  private static void writable(String option, String directory) throws ConfigurationException {
    ResourceId probe = OutputFiles.resolve(directory, ".beliefs-write-check-" + UUID.randomUUID());
    try {
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(probe, MimeTypes.TEXT))) {
        out.write("checking that the output can be written\n".getBytes(StandardCharsets.UTF_8));
      }
      FileSystems.delete(List.of(probe), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(option + " cannot be written: " + firstLine(describe(e)));
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
