package dev.beliefs.extract.batch;

import dev.beliefs.extract.openai.ChatSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the request lines ({@link BatchLines#request}) of a round into temporary JSONL files, in
 * the order of the run's requests, each file within {@link BatchSettings#maxRequestsPerBatch} and
 * {@link BatchSettings#maxBytesPerBatch}. Each request asks for its own {@code max_tokens}. The
 * caller deletes the files.
 */
final class BatchInputFiles {

  private BatchInputFiles() {}

  /** One input file: the requests whose lines it holds, in order, and its size. */
  static final class Part {
    final Path file;
    final List<TrackedRequest> members = new ArrayList<>();
    long bytes;
    private final OutputStream out;

    private Part(Path file) throws IOException {
      this.file = file;
      this.out = Files.newOutputStream(file);
    }

    private void add(TrackedRequest t, byte[] line) throws IOException {
      out.write(line);
      members.add(t);
      bytes += line.length;
    }

    List<BatchRecord.Entry> entries() {
      return members.stream()
          .map(t -> new BatchRecord.Entry(t.customId, t.key, t.maxTokens))
          .toList();
    }
  }

  /**
   * @param admitted the requests to write, by custom id
   * @param requests every request of the run, for their text and order
   */
  static List<Part> write(
      Map<String, TrackedRequest> admitted,
      Iterable<BatchJob.Request> requests,
      BatchSettings settings)
      throws IOException {
    List<Part> parts = new ArrayList<>();
    if (admitted.isEmpty()) {
      return parts;
    }
    ChatSettings chat = settings.openAi().chat();
    Part current = null;
    try {
      for (BatchJob.Request request : requests) {
        TrackedRequest t = admitted.get(request.customId());
        if (t == null) {
          continue;
        }
        byte[] line =
            (BatchLines.request(
                        request.customId(), chat.requestBody(request.chunkText(), t.maxTokens))
                    + "\n")
                .getBytes(StandardCharsets.UTF_8);
        if (current == null
            || current.members.size() == settings.maxRequestsPerBatch()
            || current.bytes + line.length > settings.maxBytesPerBatch()) {
          if (current != null) {
            current.out.close();
          }
          current = new Part(Files.createTempFile("beliefs-batch-", ".jsonl"));
          parts.add(current);
        }
        current.add(t, line);
      }
    } finally {
      if (current != null) {
        current.out.close();
      }
    }
    return parts;
  }
}
