package dev.beliefs.extract.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The JSONL lines of the Batch API, as OpenAI documents them, read and written. */
class BatchLinesTest {

  @Test
  void aRequestLine_postsTheOnlineBodyToChatCompletions_underTheChunkId() throws IOException {
    ObjectNode body = new ChatSettings("gpt-4o-mini", 0.0, 7, 1500).requestBody("[u1] A: hi", 1500);

    JsonNode line = Json.MAPPER.readTree(BatchLines.request("ep#L1-W0001", body));

    assertEquals("ep#L1-W0001", line.get("custom_id").asText());
    assertEquals("POST", line.get("method").asText());
    assertEquals("/v1/chat/completions", line.get("url").asText());
    assertEquals(Json.line(body), Json.line(line.get("body")));
    assertEquals(4, line.size());
    assertFalse(BatchLines.request("c", body).contains("\n"), "one line");
  }

  @Test
  void anOutputLine_isTheChatCompletionWithItsUsage() throws IOException {
    String text =
        "{\"id\": \"batch_req_1\", \"custom_id\": \"ep#L5-W0000\", \"response\": {\"status_code\":"
            + " 200, \"request_id\": \"req_1\", \"body\": {\"id\": \"chatcmpl-1\", \"object\":"
            + " \"chat.completion\", \"model\": \"gpt-4o-mini-2024-07-18\", \"choices\": [{\"index\":"
            + " 0, \"message\": {\"role\": \"assistant\", \"content\": \"{\\\"beliefs\\\": []}\","
            + " \"refusal\": null}, \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\":"
            + " 1800, \"completion_tokens\": 12, \"total_tokens\": 1812, \"prompt_tokens_details\":"
            + " {\"cached_tokens\": 1024}}}}, \"error\": null}";

    BatchLines.Answered line = (BatchLines.Answered) BatchLines.parse(text);

    assertEquals("ep#L5-W0000", line.customId());
    assertEquals("{\"beliefs\": []}", line.response().content());
    assertEquals("stop", line.response().finishReason());
    assertEquals(new Usage(1800, 1024, 12), line.response().usage());
    assertEquals("gpt-4o-mini-2024-07-18", line.response().model());
  }

  @Test
  void anErrorLineWithA5xxOrA429_isWorthSendingAgain() throws IOException {
    BatchLines.Failed server = (BatchLines.Failed) BatchLines.parse(errorLine("a", 500, null));
    BatchLines.Failed limited =
        (BatchLines.Failed) BatchLines.parse(errorLine("b", 429, "rate_limit_exceeded"));

    assertEquals("http_500", server.reason());
    assertTrue(server.retryable());
    assertTrue(server.detail().contains("The server had an error"), server.detail());
    assertEquals("rate_limited", limited.reason());
    assertTrue(limited.retryable());
    assertTrue(limited.detail().startsWith("HTTP 429 rate_limit_exceeded"), limited.detail());
  }

  @Test
  void anErrorLineWithA400_isNotWorthSendingAgain() throws IOException {
    BatchLines.Failed line =
        (BatchLines.Failed) BatchLines.parse(errorLine("a", 400, "invalid_value"));

    assertEquals("http_400", line.reason());
    assertFalse(line.retryable());
  }

  @Test
  void aRequestTheWindowClosedOn_failsWithTheErrorsCode() throws IOException {
    String text =
        "{\"id\": \"batch_req_2\", \"custom_id\": \"x\", \"response\": null, \"error\": {\"code\":"
            + " \"batch_expired\", \"message\": \"This request could not be executed before the"
            + " completion window expired.\"}}";

    BatchLines.Failed line = (BatchLines.Failed) BatchLines.parse(text);

    assertEquals("batch_expired", line.reason());
    assertTrue(line.retryable());
    assertTrue(line.detail().contains("completion window expired"), line.detail());
  }

  @Test
  void aLineWithoutACustomId_isRefused() {
    assertThrows(IOException.class, () -> BatchLines.parse("{\"response\": null}"));
    assertThrows(IOException.class, () -> BatchLines.parse("not json"));
  }

  private static String errorLine(String customId, int status, String code) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("id", "batch_req_9");
    line.put("custom_id", customId);
    ObjectNode response = line.putObject("response");
    response.put("status_code", status);
    response.put("request_id", "req_9");
    ObjectNode error = response.putObject("body").putObject("error");
    error.put(
        "message",
        status == 500
            ? "The server had an error while processing your request."
            : "Something about the request");
    error.put("type", status == 500 ? "server_error" : "invalid_request_error");
    error.put("code", code);
    line.putNull("error");
    return Json.line(line);
  }
}
