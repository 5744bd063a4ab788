package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchStoreTest {

  private final BatchStore store = new BatchStore();

  @Test
  void aCreatedBatch_isValidating_numberedInOrder_andFoundByItsId() {
    SimulatedBatch first = store.create("file-sim1", Batches.ENDPOINT, Map.of("k", "v"));
    SimulatedBatch second = store.create("file-sim2", Batches.ENDPOINT, Map.of());

    assertEquals("batch_sim1", first.id);
    assertEquals("batch_sim2", second.id);
    assertEquals("validating", first.status);
    assertEquals(Map.of("k", "v"), first.metadata);
    assertSame(second, store.get("batch_sim2"));
    assertNull(store.get("batch_sim3"));
  }

  @Test
  void pagesListTheNewestFirst_andSayWhetherOlderOnesFollow() {
    for (int i = 0; i < 5; i++) {
      store.create("file-sim1", Batches.ENDPOINT, Map.of());
    }

    BatchStore.Page first = store.page(2, null);
    BatchStore.Page second = store.page(2, "batch_sim4");
    BatchStore.Page last = store.page(2, "batch_sim2");

    assertEquals(List.of("batch_sim5", "batch_sim4"), ids(first));
    assertTrue(first.hasMore());
    assertEquals(List.of("batch_sim3", "batch_sim2"), ids(second));
    assertTrue(second.hasMore());
    assertEquals(List.of("batch_sim1"), ids(last));
    assertFalse(last.hasMore());
  }

  @Test
  void anUnknownAfter_listsFromTheNewest_andAnEmptyStoreHasAnEmptyPage() {
    assertEquals(new BatchStore.Page(List.of(), false), store.page(20, null));
    store.create("file-sim1", Batches.ENDPOINT, Map.of());

    assertEquals(List.of("batch_sim1"), ids(store.page(20, "batch_none")));
  }

  private static List<String> ids(BatchStore.Page page) {
    return page.batches().stream().map(b -> b.id).toList();
  }
}
