package dev.beliefs.pipeline.bench;

import java.util.List;

/**
 * The least time any schedule of these calls on {@code workers} slots can take: {@code max(longest
 * call, sum of calls / workers)}. No schedule finishes before its longest call ends, nor before the
 * slots have done all the work. It is a bound, not a schedule: the best schedule may take longer,
 * and only equals it when the calls split evenly or one call outlasts all the others.
 */
public final class LowerBound {

  private LowerBound() {}

  public static double seconds(List<Double> callSeconds, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    double longest = 0;
    double sum = 0;
    for (double call : callSeconds) {
      longest = Math.max(longest, call);
      sum += call;
    }
    return Math.max(longest, sum / workers);
  }
}
