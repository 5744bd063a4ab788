package dev.beliefs.extract.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Identical requests take turns; an entry lives only while a worker holds or awaits it. */
class RequestTurnsTest {

  @Test
  void theSecondWorkerGoesOnlyOnceTheFirstClosesItsTurn_andNothingIsLeftBehind() throws Exception {
    List<String> order = new ArrayList<>();
    ExecutorService second = Executors.newSingleThreadExecutor();
    try {
      RequestTurns.Turn first = RequestTurns.take("run|k1");
      Future<?> waiting =
          second.submit(
              () -> {
                try (RequestTurns.Turn turn = RequestTurns.take("run|k1")) {
                  synchronized (order) {
                    order.add("second");
                  }
                }
                return null;
              });
      RequestTurns.awaitUsers("run|k1", 2);
      synchronized (order) {
        order.add("first");
      }
      first.close();
      waiting.get();
    } finally {
      second.shutdownNow();
    }

    assertEquals(List.of("first", "second"), order);
    assertEquals(0, RequestTurns.users("run|k1"));
  }

  @Test
  void otherRequests_doNotWait() throws Exception {
    try (RequestTurns.Turn a = RequestTurns.take("run|a");
        RequestTurns.Turn b = RequestTurns.take("run|b")) {
      assertEquals(1, RequestTurns.users("run|a"));
      assertEquals(1, RequestTurns.users("run|b"));
    }
    assertEquals(0, RequestTurns.users("run|a"));
  }

  @Test
  void aWorkerInterruptedWhileWaiting_takesNoTurn_andLeavesNothingBehind() throws Exception {
    ExecutorService second = Executors.newSingleThreadExecutor();
    try (RequestTurns.Turn first = RequestTurns.take("run|k2")) {
      Future<?> waiting =
          second.submit(
              () -> {
                RequestTurns.take("run|k2").close();
                return null;
              });
      RequestTurns.awaitUsers("run|k2", 2);
      second.shutdownNow();

      ExecutionException e = assertThrows(ExecutionException.class, waiting::get);
      assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
      assertEquals(1, RequestTurns.users("run|k2"));
    }
    assertEquals(0, RequestTurns.users("run|k2"));
  }
}
