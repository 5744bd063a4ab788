package dev.beliefs.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.ExtractCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline extractor, run as a user runs it on the two shared conversations and scored by {@code
 * ./beliefs eval} against the reference beliefs of {@code testdata/gold}: the targets hold,
 * and every gold transcript gets a row.
 */
class OfflineExtractorEvalTest {

  @TempDir Path temp;

  @Test
  void offlineExtractorOnTheSharedConversations_meetsThePrecisionRecallAndStanceTargets()
      throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!root.resolve("testdata/gold").toFile().isDirectory()) {
      root = root.getParent();
    }
    Path out = temp.resolve("out");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    String input = root.resolve("testdata/transcripts/conversations") + "/*";

    assertEquals(
        ExitCode.OK,
        new ExtractCommand(quiet, errors, () -> null)
            .run(new String[] {"--input=" + input, "--output=" + out}),
        err.toString());
    assertEquals(
        ExitCode.OK,
        new EvalCommand(quiet, errors)
            .run(new String[] {"--gold=" + root.resolve("testdata/gold"), "--output=" + out}),
        err.toString());

    JsonNode eval = Json.MAPPER.readTree(out.resolve("eval.json").toFile());
    assertEquals(2, eval.get("transcripts").size());
    JsonNode total = eval.get("total");
    assertTrue(total.get("precision").asDouble() >= 0.60, total.toString());
    assertTrue(total.get("recall_core").asDouble() >= 0.35, total.toString());
    assertTrue(total.get("stance_agreement").asDouble() >= 0.80, total.toString());
    assertEquals(
        0,
        Json.MAPPER
            .readTree(out.resolve("run-summary.json").toFile())
            .get("ungrounded_dropped")
            .asLong());
  }
}
