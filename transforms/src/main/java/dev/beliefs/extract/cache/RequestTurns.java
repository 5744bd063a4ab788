package dev.beliefs.extract.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Identical requests of one run in this JVM take turns: while a worker asks a request, another
 * worker with the same request waits for it, and then finds the answer in the {@link ResponseCache}
 * instead of paying for it a second time.
 *
 * <p>JVM-wide state, kept as small as it can be: a request's entry lives exactly while a worker
 * holds its turn or waits for it, so nothing is left behind when a run ends or fails.
 */
public final class RequestTurns {

  private static final Map<String, Turn> TURNS = new HashMap<>();

  private RequestTurns() {}

  /**
   * Waits until no other worker holds the turn of {@code request}, then holds it until {@link
   * Turn#close}.
   *
   * @param request the run and the request's cache key
   * @throws InterruptedException while waiting; the turn is then not taken
   */
  static Turn take(String request) throws InterruptedException {
    Turn turn;
    synchronized (TURNS) {
      turn = TURNS.computeIfAbsent(request, Turn::new);
      turn.users++;
      TURNS.notifyAll();
    }
    try {
      turn.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      turn.leave();
      throw e;
    }
    return turn;
  }

  /** Workers holding or awaiting the turn of {@code request}. */
  public static int users(String request) {
    synchronized (TURNS) {
      Turn turn = TURNS.get(request);
      return turn == null ? 0 : turn.users;
    }
  }

  /** For tests: waits until {@code users} workers hold or await the turn of {@code request}. */
  public static void awaitUsers(String request, int users) throws InterruptedException {
    synchronized (TURNS) {
      while (users(request) < users) {
        TURNS.wait();
      }
    }
  }

  /** One request's turn; closing it lets the next worker waiting for it go. */
  public static final class Turn implements AutoCloseable {
    private final String request;
    private final ReentrantLock lock = new ReentrantLock();
    private int users;

    private Turn(String request) {
      this.request = request;
    }

    @Override
    public void close() {
      lock.unlock();
      leave();
    }

    private void leave() {
      synchronized (TURNS) {
        if (--users == 0) {
          TURNS.remove(request);
        }
        TURNS.notifyAll();
      }
    }
  }
}
