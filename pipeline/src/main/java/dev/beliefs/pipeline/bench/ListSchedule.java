package dev.beliefs.pipeline.bench;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The makespan of a longest-first list schedule: jobs sorted by duration, longest first, each given
 * to the slot that frees up first. An achievable schedule within 4/3 of the best possible (Graham's
 * bound), and usually much closer: the benchmark's yardstick for how well the job keeps its workers
 * busy.
 */
public final class ListSchedule {

  private ListSchedule() {}

  public static double makespan(List<Double> durations, int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, got " + slots);
    }
    PriorityQueue<Double> freeAt = new PriorityQueue<>();
    for (int i = 0; i < slots; i++) {
      freeAt.add(0.0);
    }
    double makespan = 0;
    for (double duration : durations.stream().sorted(Comparator.reverseOrder()).toList()) {
      double end = freeAt.poll() + duration;
      makespan = Math.max(makespan, end);
      freeAt.add(end);
    }
    return makespan;
  }
}
