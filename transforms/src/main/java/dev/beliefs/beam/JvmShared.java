package dev.beliefs.beam;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Objects that every DoFn instance of one pipeline shares within a JVM (a call scheduler, a rate
 * limiter, a budget), found by a key the pipeline chose at construction and counted by users, so
 * the last instance torn down can close them. Separate pipelines in one JVM (tests, benchmark rows)
 * have separate keys and share nothing.
 */
public final class JvmShared {

  private static final Map<String, Entry> ENTRIES = new HashMap<>();

  private record Entry(Object value, int users) {}

  private JvmShared() {}

  public static synchronized <T> T acquire(String key, Supplier<T> create) {
    Entry entry = ENTRIES.get(key);
    Object value = entry == null ? create.get() : entry.value();
    ENTRIES.put(key, new Entry(value, entry == null ? 1 : entry.users() + 1));
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return typed;
  }

  /** Gives up one use of {@code key}; {@code onLast} runs when it was the last. */
  public static <T> void release(String key, Consumer<T> onLast) {
    Object last;
    synchronized (JvmShared.class) {
      Entry entry = ENTRIES.get(key);
      if (entry == null) {
        return;
      }
      if (entry.users() > 1) {
        ENTRIES.put(key, new Entry(entry.value(), entry.users() - 1));
        return;
      }
      ENTRIES.remove(key);
      last = entry.value();
    }
    @SuppressWarnings("unchecked")
    T typed = (T) last;
    onLast.accept(typed);
  }
}
