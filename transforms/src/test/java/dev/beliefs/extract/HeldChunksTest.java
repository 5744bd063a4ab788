package dev.beliefs.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.limits.CallScheduler;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One worker's chunks on a scheduler of one slot; each call waits for the test to let it answer. No
 * sleeps: the test decides when every call ends.
 */
class HeldChunksTest {

  private final CallScheduler scheduler = CallScheduler.acquire(UUID.randomUUID().toString(), 1, 4);
  private final Map<Integer, Semaphore> answers = new ConcurrentHashMap<>();
  private final List<Integer> asked = new CopyOnWriteArrayList<>();
  private final AtomicInteger mostHeld = new AtomicInteger();

  private static Chunk chunk(int window, int promptTokens) {
    return new Chunk(
        "t",
        "file:/t.txt",
        1,
        window,
        List.of(new Utterance(window, "A", null, null, "I think so.")),
        promptTokens);
  }

  /** Asks for a chunk: waits until the test answers it, and gives its window as the outcome. */
  private Object ask(Chunk chunk) {
    mostHeld.accumulateAndGet(scheduler.held(), Math::max);
    asked.add(chunk.window());
    try {
      answers.computeIfAbsent(chunk.window(), w -> new Semaphore(0)).acquire();
    } catch (InterruptedException e) {
      return "interrupted";
    }
    return chunk.window();
  }

  private void answer(int window) {
    answers.computeIfAbsent(window, w -> new Semaphore(0)).release();
  }

  @Test
  void aWorkerHoldsAtMostTheCapacity_andHandsOnEachOutcomeAsItsCallEnds() throws Exception {
    HeldChunks<Integer> held = new HeldChunks<>(scheduler, 4, this::ask);
    List<Object> handedOn = new ArrayList<>();
    Thread answerer =
        new Thread(
            () -> {
              for (int window = 0; window < 20; window++) {
                answer(window);
              }
            });

    for (int window = 0; window < 4; window++) {
      held.take(chunk(window, 100), window, ended -> handedOn.add(ended.outcome()));
      assertTrue(scheduler.held() <= 4);
    }
    answerer.start();
    for (int window = 4; window < 20; window++) {
      held.take(chunk(window, 100), window, ended -> handedOn.add(ended.outcome()));
      assertTrue(scheduler.held() <= 4, "held " + scheduler.held());
    }
    held.finish(ended -> handedOn.add(ended.outcome()));
    answerer.join();

    assertEquals(20, handedOn.size());
    assertTrue(mostHeld.get() <= 4, "most held " + mostHeld.get());
    assertEquals(0, scheduler.held());
    scheduler.release();
  }

  @Test
  void theFirstWindowIsAskedLongestFirst() throws Exception {
    HeldChunks<Integer> held = new HeldChunks<>(scheduler, 4, this::ask);
    int[] sizes = {100, 400, 200, 300};
    for (int window = 0; window < 4; window++) {
      answer(window);
      held.take(chunk(window, sizes[window]), window, ended -> {});
    }
    held.finish(ended -> {});

    assertEquals(List.of(1, 3, 2, 0), asked);
    scheduler.release();
  }

  @Test
  void afterTheFirstWindow_aChunkIsHandedToTheSchedulerAsItComes() throws Exception {
    HeldChunks<Integer> held = new HeldChunks<>(scheduler, 4, this::ask);
    for (int window = 0; window < 3; window++) {
      held.take(chunk(window, 100), window, ended -> {});
    }
    assertEquals(3, held.gathered(), "the first window is gathered");
    held.take(chunk(3, 100), 3, ended -> {});
    assertEquals(0, held.gathered());
    for (int window = 0; window < 4; window++) {
      answer(window);
    }

    held.take(chunk(4, 100), 4, ended -> {});

    assertEquals(0, held.gathered(), "asked at once, without waiting for more chunks");
    answer(4);
    held.finish(ended -> {});
    scheduler.release();
  }

  @Test
  void whenThereIsNoRoom_takingWaitsForACallToEnd_andHandsItsOutcomeOn() throws Exception {
    HeldChunks<Integer> held = new HeldChunks<>(scheduler, 4, this::ask);
    List<Object> handedOn = new ArrayList<>();
    for (int window = 0; window < 4; window++) {
      held.take(chunk(window, 100 - window), window, ended -> handedOn.add(ended.outcome()));
    }
    assertEquals(List.of(), handedOn);

    Thread answerer = new Thread(() -> answer(0));
    answerer.start();
    held.take(chunk(4, 50), 4, ended -> handedOn.add(ended.outcome()));

    assertEquals(List.of(0), handedOn);
    answerer.join();
    held.abandon();
    scheduler.release();
  }

  @Test
  void abandoning_dropsTheChunksNotYetAsked_interruptsTheCallInFlight_andGivesBackTheRoom()
      throws Exception {
    CountDownLatch inFlight = new CountDownLatch(1);
    List<Object> outcomes = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    HeldChunks<Integer> held =
        new HeldChunks<>(
            scheduler,
            4,
            chunk -> {
              inFlight.countDown();
              Object outcome = ask(chunk);
              outcomes.add(outcome);
              ended.countDown();
              return outcome;
            });
    for (int window = 0; window < 4; window++) {
      held.take(chunk(window, 100 - window), window, unused -> {});
    }
    inFlight.await();

    held.abandon();
    scheduler.release();

    ended.await();
    assertEquals(List.of(0), asked);
    assertEquals(List.of("interrupted"), outcomes);
    assertEquals(0, scheduler.held());
  }
}
