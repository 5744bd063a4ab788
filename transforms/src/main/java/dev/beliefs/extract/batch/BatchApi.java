package dev.beliefs.extract.batch;

import dev.beliefs.extract.openai.ApiErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of OpenAI's Files and Batch APIs a batch extraction makes. {@link HttpBatchApi} makes
 * them over HTTP; a test hands in a fake.
 */
public interface BatchApi {

  /** Uploads a JSONL file of requests ({@code POST /files}, {@code purpose=batch}); its file id. */
  String upload(Path jsonl) throws IOException, ApiErrorException;

  /**
   * Creates a batch over an uploaded file ({@code POST /batches}, endpoint {@code
   * /v1/chat/completions}, completion window {@code 24h}). Not retried here: a retry could create a
   * second batch, so the caller first looks for it with {@link #find}.
   */
  BatchStatus create(String inputFileId, Map<String, String> metadata)
      throws IOException, ApiErrorException;

  /** {@code GET /batches/{id}}. */
  BatchStatus retrieve(String batchId) throws IOException, ApiErrorException;

  /**
   * The newest batch created at or after {@code createdAfter} (epoch seconds) whose metadata has
   * {@code key=value}, if any ({@code GET /batches}, newest first).
   */
  Optional<BatchStatus> find(String key, String value, long createdAfter)
      throws IOException, ApiErrorException;

  /** Each line of a file's content ({@code GET /files/{id}/content}), in order. */
  void readLines(String fileId, LineConsumer lines) throws IOException, ApiErrorException;

  /** Takes the lines of a file. */
  @FunctionalInterface
  interface LineConsumer {
    void accept(String line) throws IOException;
  }
}
