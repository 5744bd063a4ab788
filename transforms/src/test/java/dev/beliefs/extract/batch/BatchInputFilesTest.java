package dev.beliefs.extract.batch;

import static dev.beliefs.extract.batch.BatchFixtures.CHAT;
import static dev.beliefs.extract.batch.BatchFixtures.requests;
import static dev.beliefs.extract.batch.BatchFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a round's requests are cut into JSONL input files. */
class BatchInputFilesTest {

  @TempDir Path temp;

  private final List<BatchInputFiles.Part> parts = new ArrayList<>();

  @AfterEach
  void deleteParts() throws Exception {
    for (BatchInputFiles.Part part : parts) {
      Files.deleteIfExists(part.file);
    }
  }

  @Test
  void requestsBeyondTheRequestsPerBatch_goIntoTheNextFile_inTheRunsOrder() throws Exception {
    Map<String, TrackedRequest> admitted = admitted("a", "b", "d", "e", "f");
    BatchSettings settings = settings(temp, null).withMaxRequestsPerBatch(2);

    parts.addAll(BatchInputFiles.write(admitted, requests("a", "b", "c", "d", "e", "f"), settings));

    assertEquals(List.of(List.of("a", "b"), List.of("d", "e"), List.of("f")), customIds());
  }

  @Test
  void aLineThatWouldPassTheBytesPerBatch_startsTheNextFile() throws Exception {
    long oneLine = line("a", 1500).length;
    BatchSettings settings =
        settings(temp, null).toBuilder().maxBytesPerBatch(2 * oneLine + 1).build();

    parts.addAll(BatchInputFiles.write(admitted("a", "b", "c"), requests("a", "b", "c"), settings));

    assertEquals(List.of(List.of("a", "b"), List.of("c")), customIds());
    assertEquals(2 * oneLine, parts.get(0).bytes);
    assertEquals(2 * oneLine, Files.size(parts.get(0).file));
  }

  @Test
  void eachLineAsksForItsRequestsOwnMaxTokens() throws Exception {
    Map<String, TrackedRequest> admitted = admitted("a");
    admitted.get("a").enlarge();

    parts.addAll(BatchInputFiles.write(admitted, requests("a"), settings(temp, null)));

    assertEquals(
        List.of(new BatchRecord.Entry("a", BatchFixtures.key("a"), 3000)), parts.get(0).entries());
    byte[] expected = line("a", 3000);
    assertEquals(new String(expected, StandardCharsets.UTF_8), Files.readString(parts.get(0).file));
  }

  private static Map<String, TrackedRequest> admitted(String... ids) {
    Map<String, TrackedRequest> admitted = new LinkedHashMap<>();
    for (BatchJob.Request request : requests(ids)) {
      admitted.put(request.customId(), new TrackedRequest(request, 1500));
    }
    return admitted;
  }

  private static byte[] line(String id, int maxTokens) {
    String text = requests(id).get(0).chunkText();
    return (BatchLines.request(id, CHAT.requestBody(text, maxTokens)) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private List<List<String>> customIds() {
    return parts.stream().map(p -> p.members.stream().map(t -> t.customId).toList()).toList();
  }
}
