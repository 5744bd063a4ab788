package dev.beliefs.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LowerBoundTest {

  @Test
  void oneWorker_mustDoEveryCallInTurn() {
    assertEquals(10.0, LowerBound.seconds(List.of(1.0, 4.0, 2.0, 3.0), 1));
  }

  @Test
  void manyWorkers_cannotBeatTheLongestCall() {
    assertEquals(4.0, LowerBound.seconds(List.of(1.0, 4.0, 2.0), 50));
    assertEquals(9.0, LowerBound.seconds(List.of(9.0, 1.0, 1.0, 1.0), 3));
  }

  @Test
  void otherwise_theWorkShared_evenWhenNoScheduleSplitsItSoEvenly() {
    // 3, 3, 2, 2, 2 on two slots: the best schedule takes 6 (3+3 | 2+2+2), the bound 6.
    assertEquals(6.0, LowerBound.seconds(List.of(3.0, 3.0, 2.0, 2.0, 2.0), 2));
    // 2, 2, 2 on two slots: the best schedule takes 4, the bound 3.
    assertEquals(3.0, LowerBound.seconds(List.of(2.0, 2.0, 2.0), 2));
  }

  @Test
  void noScheduleOfRandomCallsBeatsIt() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      List<Double> calls = new ArrayList<>();
      int count = 1 + random.nextInt(8);
      for (int i = 0; i < count; i++) {
        calls.add(0.1 + random.nextDouble() * 10);
      }
      int workers = 1 + random.nextInt(4);

      double bound = LowerBound.seconds(calls, workers);

      assertTrue(bound <= bestSchedule(calls, workers) + 1e-9, calls + " on " + workers);
    }
  }

  @Test
  void noCalls_takeNoTime_andNoWorkersIsAnError() {
    assertEquals(0.0, LowerBound.seconds(List.of(), 4));
    assertThrows(IllegalArgumentException.class, () -> LowerBound.seconds(List.of(1.0), 0));
  }

  /** The shortest makespan of any assignment of the calls to the slots, by exhaustive search. */
  private static double bestSchedule(List<Double> calls, int workers) {
    return best(calls, 0, new double[workers]);
  }

  private static double best(List<Double> calls, int next, double[] loads) {
    if (next == calls.size()) {
      double makespan = 0;
      for (double load : loads) {
        makespan = Math.max(makespan, load);
      }
      return makespan;
    }
    double best = Double.MAX_VALUE;
    for (int slot = 0; slot < loads.length; slot++) {
      loads[slot] += calls.get(next);
      best = Math.min(best, best(calls, next + 1, loads));
      loads[slot] -= calls.get(next);
      if (loads[slot] == 0) {
        break;
      }
    }
    return best;
  }
}
