package dev.beliefs.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListScheduleTest {

  @Test
  void oneSlotRunsEverythingInTurn() {
    assertEquals(10.0, ListSchedule.makespan(List.of(1.0, 4.0, 2.0, 3.0), 1));
  }

  @Test
  void longestFirstOnTheSlotThatFreesFirst() {
    // 5 | 4,1 | 3,2 on three slots: makespan 5
    assertEquals(5.0, ListSchedule.makespan(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 3));
  }

  @Test
  void moreSlotsThanJobs_isTheLongestJob() {
    assertEquals(4.0, ListSchedule.makespan(List.of(1.0, 4.0, 2.0), 50));
  }

  @Test
  void noJobs_takeNoTime() {
    assertEquals(0.0, ListSchedule.makespan(List.of(), 4));
  }
}
