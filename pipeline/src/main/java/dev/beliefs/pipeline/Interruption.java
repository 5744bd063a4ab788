package dev.beliefs.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM while a job runs: instead of the JVM's silent exit, {@code onSignal}
 * is called with the signal's name and the exit code a shell expects (128 + its number: 130, 143),
 * and is expected to exit. A shutdown hook could not tell which signal came, nor that one came at
 * all. Closing puts the previous handlers back.
 */
final class Interruption implements AutoCloseable {

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Interruption() {}

  /**
   * @param onSignal takes the signal's name ({@code INT}, {@code TERM}) and the exit code
   */
  static Interruption install(BiConsumer<String, Integer> onSignal) {
    Interruption interruption = new Interruption();
    for (String name : List.of("INT", "TERM")) {
      Signal signal = new Signal(name);
      try {
        interruption.previous.add(
            Signal.handle(signal, s -> onSignal.accept(s.getName(), 128 + s.getNumber())));
        interruption.signals.add(signal);
      } catch (IllegalArgumentException e) {
        // The JVM reserves the signal (-Xrs) or the platform lacks it: keep its default.
      }
    }
    return interruption;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
