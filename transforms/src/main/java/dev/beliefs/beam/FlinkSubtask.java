package dev.beliefs.beam;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which subtask of its operator a Flink task thread runs, read from the thread's name.
 *
 * <p>Beam gives a DoFn no portable way to learn this, and Flink gives it only to its own {@code
 * RuntimeContext}, which Beam's Flink runner keeps to itself. Flink names every task thread after
 * the task and its subtask, {@code "<task name> (<index + 1>/<parallelism>)#<attempt>"} ({@code
 * TaskInfo#getTaskNameWithSubtasks}, unchanged since Flink 1.x), and runs a DoFn's {@code @Setup}
 * on that thread. A name that does not end that way is not a Flink task thread (the DirectRunner's
 * workers, a test's thread): there is no subtask to read.
 *
 * @param index the subtask's index, from 0
 * @param parallelism how many subtasks the operator has
 * @param attempt Flink's attempt number of this subtask, 0 before any restart
 */
public record FlinkSubtask(int index, int parallelism, int attempt) {

  private static final Pattern TASK_NAME = Pattern.compile("\\((\\d+)/(\\d+)\\)#(\\d+)$");

  /** The subtask the current thread runs, if it is a Flink task thread. */
  public static Optional<FlinkSubtask> ofCurrentThread() {
    return ofThreadName(Thread.currentThread().getName());
  }

  /**
   * Whether the current thread is closing the task's chained functions because the task failed or
   * was cancelled. Flink's batch runtime then closes each chained function ({@code
   * BatchTask.cancelChainedTasks}), and Beam's Flink runner finishes the DoFn's bundle in that
   * close, as it does at the end of the input: only the stack tells the two apart. The interrupt
   * Flink sends a cancelled task usually reaches a DoFn that waits; this covers the case where code
   * upstream of it took the interrupt first.
   */
  public static boolean isCancellingChainedTasks() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames.anyMatch(
                    frame ->
                        frame.getClassName().equals("org.apache.flink.runtime.operators.BatchTask")
                            && frame.getMethodName().equals("cancelChainedTasks")));
  }

  static Optional<FlinkSubtask> ofThreadName(String name) {
    Matcher matcher = TASK_NAME.matcher(name);
    if (!matcher.find()) {
      return Optional.empty();
    }
    int number = Integer.parseInt(matcher.group(1));
    int parallelism = Integer.parseInt(matcher.group(2));
    if (number < 1 || number > parallelism) {
      return Optional.empty();
    }
    return Optional.of(
        new FlinkSubtask(number - 1, parallelism, Integer.parseInt(matcher.group(3))));
  }
}
