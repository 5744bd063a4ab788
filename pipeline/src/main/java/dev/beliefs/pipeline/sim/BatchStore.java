package dev.beliefs.pipeline.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The batches created so far, by id, and listed newest first a page at a time. */
final class BatchStore {

  /** One page of the listing, newest first, and whether older batches follow it. */
  record Page(List<SimulatedBatch> batches, boolean hasMore) {}

  private final Map<String, SimulatedBatch> batches = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /** A new batch, {@code validating}, with the next id. */
  SimulatedBatch create(String inputFileId, String endpoint, Map<String, String> metadata) {
    long number = sequence.incrementAndGet();
    SimulatedBatch batch =
        new SimulatedBatch(
            "batch_sim" + number,
            number,
            inputFileId,
            endpoint,
            metadata,
            System.currentTimeMillis() / 1000);
    batches.put(batch.id, batch);
    return batch;
  }

  @Nullable SimulatedBatch get(String id) {
    return batches.get(id);
  }

  /**
   * Up to {@code limit} batches, newest first, starting after the batch {@code after} (from the
   * newest when it is null or unknown).
   */
  Page page(int limit, @Nullable String after) {
    List<SimulatedBatch> newestFirst = new ArrayList<>(batches.values());
    newestFirst.sort(Comparator.comparingLong((SimulatedBatch b) -> b.sequence).reversed());
    int from = 0;
    if (after != null) {
      for (int i = 0; i < newestFirst.size(); i++) {
        if (newestFirst.get(i).id.equals(after)) {
          from = i + 1;
        }
      }
    }
    List<SimulatedBatch> page =
        newestFirst.subList(from, Math.min(newestFirst.size(), from + limit));
    return new Page(List.copyOf(page), from + page.size() < newestFirst.size());
  }
}
