package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;

/** An out-of-memory error is found however deep a runner wrapped it, and told in one line. */
class OutOfMemoryTest {

  @Test
  void foundThroughTheRunnersWrappers_andOnlyThere() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    Exception wrapped =
        new Pipeline.PipelineExecutionException(
            new IllegalStateException("extraction crashed", new ExecutionException(oom)));

    assertSame(oom, OutOfMemory.in(wrapped));
    assertSame(oom, OutOfMemory.in(oom));
    assertNull(OutOfMemory.in(new IllegalStateException(new RuntimeException("no"))));
  }

  @Test
  void theLineSaysWhatRanOutAndHowToGiveMore() {
    String line = OutOfMemory.line(new OutOfMemoryError("Java heap space"));

    assertTrue(line.startsWith("error: out of memory (Java heap space, heap "), line);
    assertTrue(line.contains("BELIEFS_JAVA_OPTS=-Xmx"), line);
    assertTrue(line.lines().count() == 1, line);
  }
}
