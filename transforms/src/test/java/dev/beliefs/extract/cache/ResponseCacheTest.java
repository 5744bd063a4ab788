package dev.beliefs.extract.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.extract.openai.ChatSettings;
import dev.beliefs.extract.openai.TeachersChunk;
import dev.beliefs.extract.prompt.ExtractionPrompt;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {

  private static final ChatSettings SETTINGS = new ChatSettings("gpt-4o-mini", 0.0, 42L, 800);
  private static final String CHUNK = TeachersChunk.TEXT;
  private static final String ANSWER = TeachersChunk.ANSWER;
  private static final Usage USAGE = new Usage(1500, 1024, 60);

  @TempDir Path temp;

  private static String keyOf(Consumer<ObjectNode> change) {
    ObjectNode body = SETTINGS.requestBody(CHUNK, 800);
    change.accept(body);
    return ResponseCache.key(body);
  }

  @Test
  void sameRequest_sameKey_whateverTheOrderOfItsFields() {
    ObjectNode body = SETTINGS.requestBody(CHUNK, 800);
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    ObjectNode reordered = Json.MAPPER.createObjectNode();
    Collections.reverse(names);
    for (String name : names) {
      reordered.set(name, body.get(name));
    }

    assertEquals(ResponseCache.key(body), ResponseCache.key(SETTINGS.requestBody(CHUNK, 800)));
    assertEquals(ResponseCache.key(body), ResponseCache.key(reordered));
    assertEquals(64, ResponseCache.key(body).length());
  }

  @Test
  void anyChangeToModelMessagesSchemaTemperatureSeedOrMaxTokens_isAnotherKey() {
    String key = keyOf(body -> {});
    Map<String, Consumer<ObjectNode>> changes =
        Map.of(
            "model", body -> body.put("model", "gpt-4o"),
            "system message",
                body ->
                    ((ObjectNode) ((ArrayNode) body.get("messages")).get(0))
                        .put("content", ExtractionPrompt.system() + " "),
            "chunk",
                body ->
                    ((ObjectNode) ((ArrayNode) body.get("messages")).get(1)).put("content", "x"),
            "schema",
                body ->
                    ((ObjectNode) body.at("/response_format/json_schema/schema"))
                        .put("description", "changed"),
            "temperature", body -> body.put("temperature", 0.2),
            "seed", body -> body.put("seed", 43L),
            "max_tokens", body -> body.put("max_tokens", 1600));

    for (Map.Entry<String, Consumer<ObjectNode>> change : changes.entrySet()) {
      assertNotEquals(key, keyOf(change.getValue()), change.getKey());
    }
    assertNotEquals(
        key, ResponseCache.key(new ChatSettings("gpt-4o-mini", 0.0, 42L, 800).requestBody("y", 1)));
  }

  @Test
  void storedAnswer_isFoundParsedWithItsUsage() {
    ResponseCache cache = new ResponseCache(temp.toString());
    String key = keyOf(body -> {});

    cache.store(key, "gpt-4o-mini-2024-07-18", ANSWER, USAGE);
    ResponseCache.Lookup found = cache.lookup(key);

    ResponseCache.Hit hit = assertInstanceOf(ResponseCache.Hit.class, found);
    assertEquals(USAGE, hit.entry().usage());
    assertEquals("gpt-4o-mini-2024-07-18", hit.entry().model());
    assertEquals(ANSWER, hit.entry().content());
    assertEquals("teachers are the real innovators", hit.beliefs().get(0).evidenceQuote());
    assertTrue(
        Files.isRegularFile(temp.resolve(key.substring(0, 2)).resolve(key + ".json")),
        "entries are <dir>/<first two hex digits>/<key>.json");
  }

  @Test
  void noEntry_isAMiss() {
    assertInstanceOf(
        ResponseCache.Miss.class, new ResponseCache(temp.toString()).lookup(keyOf(body -> {})));
  }

  @Test
  void truncatedNotJsonWrongKeyOrMalformedAnswer_areCorrupt() throws IOException {
    String key = keyOf(body -> {});
    String entry =
        Json.line(
            new ResponseCache.Entry(key, "gpt-4o-mini", ANSWER, USAGE, "2026-01-01T00:00Z", null));
    String otherKey = keyOf(body -> body.put("seed", 7L));

    Map<String, String> corrupt =
        Map.of(
            "truncated", entry.substring(0, entry.length() / 2),
            "empty", "",
            "not JSON", "<html>502 Bad Gateway</html>",
            "another key", entry.replace(key, otherKey),
            "no usage", entry.replace("\"usage\"", "\"spent\""),
            "malformed answer",
                Json.line(
                    new ResponseCache.Entry(
                        key,
                        "gpt-4o-mini",
                        "{\"beliefs\": [{}]}",
                        USAGE,
                        "2026-01-01T00:00Z",
                        null)));

    for (Map.Entry<String, String> bytes : corrupt.entrySet()) {
      assertInstanceOf(
          ResponseCache.Corrupt.class,
          ResponseCache.read(key, bytes.getValue().getBytes(StandardCharsets.UTF_8)),
          bytes.getKey());
    }
    assertInstanceOf(
        ResponseCache.Hit.class, ResponseCache.read(key, entry.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void corruptEntryOnDisk_isReportedAndReplacedByTheNextStore() throws IOException {
    ResponseCache cache = new ResponseCache(temp.toString());
    String key = keyOf(body -> {});
    cache.store(key, "gpt-4o-mini", ANSWER, USAGE);
    Path file = temp.resolve(key.substring(0, 2)).resolve(key + ".json");
    Files.writeString(file, Files.readString(file).substring(0, 40));

    assertInstanceOf(ResponseCache.Corrupt.class, cache.lookup(key));
    cache.store(key, "gpt-4o-mini", ANSWER, USAGE);

    assertInstanceOf(ResponseCache.Hit.class, cache.lookup(key));
    try (var files = Files.list(file.getParent())) {
      Iterator<Path> names = files.iterator();
      assertEquals(file, names.next());
      assertTrue(!names.hasNext(), "no temporary file is left behind");
    }
  }

  @Test
  void keyCoversEveryMessage() {
    ObjectNode body = SETTINGS.requestBody(CHUNK, 800);
    ArrayNode messages = ((ArrayNode) body.get("messages"));
    messages.addObject().put("role", "user").put("content", "more");

    assertNotEquals(keyOf(b -> {}), ResponseCache.key(body));
  }
}
