package dev.beliefs.extract.limits;

/** Waits between attempts and polls; a test hands in one that does not. */
@FunctionalInterface
public interface Sleeper {
  void sleep(long millis) throws InterruptedException;
}
