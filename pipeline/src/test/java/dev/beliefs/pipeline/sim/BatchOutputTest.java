package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchOutputTest {

  private final Files files = new Files(new SimulatorStats(0, 0));

  @Test
  void answeredLinesGoToTheOutputFile_andTheOthersToTheErrorFile() {
    BatchOutput output = new BatchOutput();
    ObjectNode answered = responded("a", 200);
    ObjectNode refused = responded("b", 500);
    ObjectNode alsoAnswered = responded("c", 200);

    output.add(answered);
    output.add(refused);
    output.add(alsoAnswered);
    Files.StoredFile outputFile = files.get(output.storeOutput(files, "batch_sim7")).orElseThrow();
    Files.StoredFile errorFile = files.get(output.storeErrors(files, "batch_sim7")).orElseThrow();

    assertEquals(2, output.completed());
    assertEquals(1, output.failed());
    assertFalse(output.expired());
    assertEquals(Json.line(answered) + "\n" + Json.line(alsoAnswered) + "\n", content(outputFile));
    assertEquals(Json.line(refused) + "\n", content(errorFile));
    assertEquals("batch_sim7_output.jsonl", outputFile.filename());
    assertEquals("batch_sim7_error.jsonl", errorFile.filename());
    assertEquals("batch_output", outputFile.purpose());
  }

  @Test
  void aLineTheWindowClosedOn_expiresTheBatch_andNoAnswerMeansNoOutputFile() {
    BatchOutput output = new BatchOutput();
    ObjectNode expired = Json.MAPPER.createObjectNode();
    expired.put("custom_id", "a");
    expired.putNull("response");
    expired.putObject("error").put("code", "batch_expired");

    output.add(expired);

    assertTrue(output.expired());
    assertEquals(0, output.completed());
    assertEquals(1, output.failed());
    assertNull(output.storeOutput(files, "batch_sim1"));
    assertEquals(
        Json.line(expired) + "\n",
        content(files.get(output.storeErrors(files, "batch_sim1")).orElseThrow()));
  }

  private static ObjectNode responded(String customId, int status) {
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("custom_id", customId);
    result.putObject("response").put("status_code", status);
    result.putNull("error");
    return result;
  }

  private static String content(Files.StoredFile file) {
    return new String(file.content(), StandardCharsets.UTF_8);
  }
}
