package dev.beliefs.extract.batch;

import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.extract.openai.ApiErrorException;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Batch API a test scripts: files by id, what each batch reports when looked at (in turn; the
 * last again and again), and failures of the upload and the create. It counts what was asked.
 */
final class ScriptedBatchApi implements BatchApi {
  final Map<String, List<String>> files = new LinkedHashMap<>();
  final List<Path> uploaded = new ArrayList<>();
  final List<String> createdFrom = new ArrayList<>();
  final Map<String, Integer> retrieved = new LinkedHashMap<>();
  private final Map<String, Deque<BatchStatus>> statuses = new HashMap<>();
  @Nullable ApiErrorException uploadFails;
  @Nullable Exception createFails;
  int creates;

  /** Batch {@code id} reports these statuses, one a look. */
  void script(String id, String... states) {
    Deque<BatchStatus> reports = new ArrayDeque<>();
    for (String state : states) {
      reports.add(BatchFixtures.batchStatus(id, state));
    }
    statuses.put(id, reports);
  }

  List<String> customIds(String fileId) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : files.get(fileId)) {
      ids.add(Json.MAPPER.readTree(line).get("custom_id").asText());
    }
    return ids;
  }

  @Override
  public String upload(Path jsonl) throws IOException, ApiErrorException {
    uploaded.add(jsonl);
    if (uploadFails != null) {
      throw uploadFails;
    }
    String id = "file-" + files.size();
    files.put(id, Files.readAllLines(jsonl));
    return id;
  }

  @Override
  public BatchStatus create(String inputFileId, Map<String, String> metadata)
      throws IOException, ApiErrorException {
    creates++;
    if (createFails instanceof ApiErrorException e) {
      throw e;
    }
    if (createFails instanceof IOException e) {
      throw e;
    }
    createdFrom.add(inputFileId);
    return BatchFixtures.batchStatus("batch-" + (createdFrom.size() - 1), "validating");
  }

  @Override
  public BatchStatus retrieve(String batchId) throws ApiErrorException {
    retrieved.merge(batchId, 1, Integer::sum);
    Deque<BatchStatus> reports = statuses.get(batchId);
    if (reports == null) {
      throw new ApiErrorException(404, "No batch " + batchId, null, null, RateLimitHeaders.NONE);
    }
    return reports.size() > 1 ? reports.poll() : reports.peek();
  }

  @Override
  public Optional<BatchStatus> find(String key, String value, long createdAfter) {
    return Optional.empty();
  }

  @Override
  public void readLines(String fileId, LineConsumer lines) throws IOException {
    for (String line : files.get(fileId)) {
      lines.accept(line);
    }
  }
}
