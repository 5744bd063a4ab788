package dev.beliefs.extract.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Explicit control only: every wait is on a latch the test opens. */
class CallSchedulerTest {

  private static CallScheduler scheduler(int slots, int capacity) {
    return CallScheduler.acquire(UUID.randomUUID().toString(), slots, capacity);
  }

  @Test
  void whenTheLastUserReleases_queuedCallsAreNeverSent_andTheCallInFlightIsInterrupted()
      throws Exception {
    CallScheduler scheduler = scheduler(1, 16);
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(11);
    AtomicInteger queuedCallsSent = new AtomicInteger();
    Future<Object> first =
        scheduler.submit(
            100,
            () -> {
              inFlight.countDown();
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return "abandoned";
            },
            future -> ended.countDown());
    inFlight.await();
    List<Future<Object>> queued = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      queued.add(
          scheduler.submit(
              1,
              () -> {
                queuedCallsSent.incrementAndGet();
                return "sent";
              },
              future -> ended.countDown()));
    }

    scheduler.release();

    interrupted.await();
    ended.await();
    first.get();
    assertEquals(0, queuedCallsSent.get());
    assertTrue(queued.stream().allMatch(Future::isCancelled));
  }

  @Test
  void aUserThatIsNotTheLastLeavesTheCallsRunning() throws Exception {
    String key = UUID.randomUUID().toString();
    CallScheduler scheduler = CallScheduler.acquire(key, 1, 4);
    CallScheduler.acquire(key, 1, 4);
    scheduler.release();

    assertEquals("asked", scheduler.submit(1, () -> "asked", future -> {}).get());
    scheduler.release();
  }

  @Test
  void theLongestWaitingCallStartsFirst() throws Exception {
    CallScheduler scheduler = scheduler(1, 16);
    CountDownLatch release = new CountDownLatch(1);
    List<Long> order = new ArrayList<>();
    Future<Object> blocking =
        scheduler.submit(
            1000,
            () -> {
              release.await();
              return null;
            },
            future -> {});
    List<Future<Object>> waiting = new ArrayList<>();
    for (long size : List.of(3L, 9L, 5L, 9L)) {
      waiting.add(
          scheduler.submit(
              size,
              () -> {
                synchronized (order) {
                  order.add(size);
                }
                return null;
              },
              future -> {}));
    }

    release.countDown();
    blocking.get();
    for (Future<Object> future : waiting) {
      future.get();
    }

    assertEquals(List.of(9L, 9L, 5L, 3L), order);
    scheduler.release();
  }

  @Test
  void roomIsTakenUpToTheCapacity_andGivenBack() throws Exception {
    CallScheduler scheduler = scheduler(1, 2);
    assertTrue(scheduler.tryHold());
    assertTrue(scheduler.tryHold());
    assertFalse(scheduler.tryHold());
    assertFalse(scheduler.hasRoom());

    Thread giver = new Thread(() -> scheduler.letGo(1));
    giver.start();
    scheduler.awaitChange(scheduler::hasRoom);

    assertEquals(1, scheduler.held());
    giver.join();
    scheduler.release();
  }
}
