package dev.beliefs.extract;

import dev.beliefs.extract.limits.CallScheduler;
import dev.beliefs.model.Chunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The chunks one worker of the extraction step has taken in and not yet handed on, and their calls
 * on the share's {@link CallScheduler}. A chunk holds room in the scheduler from {@link #take}
 * until its outcome is handed on, so that a share holds at most the scheduler's capacity of chunks
 * whatever the size of the input. Used by one thread, the runner's; only the calls' ends arrive
 * from the scheduler's threads.
 *
 * <p>The first chunks are gathered, up to a full window or the end of the bundle, and handed to the
 * scheduler longest first, so that idle slots do not take the first chunks that come; every later
 * chunk is handed over as it comes, and the scheduler's queue orders those waiting.
 *
 * @param <P> what travels with a chunk, to be handed on with its outcome
 */
final class HeldChunks<P> {

  /** A chunk's outcome (a ChunkResult or a ChunkFailure) and what travelled with it. */
  record Ended<P>(P pending, Object outcome) {}

  private record Waiting<P>(Chunk chunk, P pending) {}

  private final CallScheduler scheduler;
  private final int gather;
  private final Function<Chunk, Object> call;
  private final List<Waiting<P>> gathered = new ArrayList<>();
  private final Set<Future<Object>> submitted = new LinkedHashSet<>();
  private final Queue<Done<P>> done = new ConcurrentLinkedQueue<>();
  private int held;
  private boolean started;

  private record Done<P>(P pending, Future<Object> future) {}

  /**
   * @param gather chunks gathered before the first are handed to the scheduler
   * @param call asks for a chunk; runs on the scheduler's threads
   */
  HeldChunks(CallScheduler scheduler, int gather, Function<Chunk, Object> call) {
    this.scheduler = scheduler;
    this.gather = gather;
    this.call = call;
  }

  /**
   * Takes a chunk in; while the share has no room, waits, handing on the outcomes of this worker's
   * calls as they end.
   */
  void take(Chunk chunk, P pending, Consumer<Ended<P>> handOn) throws InterruptedException {
    handOnDone(handOn);
    while (!scheduler.tryHold()) {
      submitGathered();
      scheduler.awaitChange(() -> !done.isEmpty() || scheduler.hasRoom());
      handOnDone(handOn);
    }
    held++;
    gathered.add(new Waiting<>(chunk, pending));
    if (started || gathered.size() >= gather) {
      submitGathered();
    }
  }

  /** Hands on the outcome of every chunk taken in, as each call ends. */
  void finish(Consumer<Ended<P>> handOn) throws InterruptedException {
    submitGathered();
    while (held > 0) {
      scheduler.awaitChange(() -> !done.isEmpty());
      handOnDone(handOn);
    }
  }

  /**
   * Drops every chunk taken in: those not yet asked are never asked, the threads of calls in flight
   * are interrupted, and the room is given back.
   */
  void abandon() {
    gathered.clear();
    for (Future<Object> future : submitted) {
      future.cancel(true);
    }
    submitted.clear();
    done.clear();
    scheduler.letGo(held);
    held = 0;
  }

  /** Chunks this worker holds. */
  int held() {
    return held;
  }

  /** Chunks taken in and not yet handed to the scheduler. */
  int gathered() {
    return gathered.size();
  }

  private void submitGathered() {
    started = true;
    gathered.sort(Comparator.comparingInt((Waiting<P> w) -> -w.chunk().estimatedPromptTokens()));
    for (Waiting<P> waiting : gathered) {
      submitted.add(
          scheduler.submit(
              waiting.chunk().estimatedPromptTokens(),
              () -> call.apply(waiting.chunk()),
              future -> done.add(new Done<>(waiting.pending(), future))));
    }
    gathered.clear();
  }

  private void handOnDone(Consumer<Ended<P>> handOn) {
    for (Done<P> next = done.poll(); next != null; next = done.poll()) {
      submitted.remove(next.future());
      held--;
      scheduler.letGo(1);
      handOn.accept(new Ended<>(next.pending(), outcome(next.future())));
    }
  }

  private static Object outcome(Future<Object> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("extraction crashed: " + e.getCause(), e.getCause());
    } catch (CancellationException | InterruptedException e) {
      throw new IllegalStateException("the extraction step's scheduler was stopped", e);
    }
  }
}
