package dev.beliefs.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlinkSubtaskTest {

  @Test
  void aFlinkTaskThreadsNameGivesTheSubtaskItsParallelismAndAttempt() {
    assertEquals(
        Optional.of(new FlinkSubtask(2, 4, 1)),
        FlinkSubtask.ofThreadName(
            "GroupReduce (GroupReduce at ExtractBeliefs/SpreadChunks) -> FlatMap (FlatMap at"
                + " ExtractBeliefs/AskModel/ParMultiDo(ExtractChunk)) (3/4)#1"));
  }

  @Test
  void otherThreadsHaveNoSubtask() {
    assertEquals(Optional.empty(), FlinkSubtask.ofThreadName("direct-runner-worker"));
    assertEquals(Optional.empty(), FlinkSubtask.ofThreadName("main"));
    assertEquals(Optional.empty(), FlinkSubtask.ofThreadName("task (0/4)#0"));
    assertEquals(Optional.empty(), FlinkSubtask.ofThreadName("task (5/4)#0"));
  }
}
