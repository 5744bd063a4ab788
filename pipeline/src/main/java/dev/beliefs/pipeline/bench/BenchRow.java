package dev.beliefs.pipeline.bench;

import java.math.BigDecimal;

/**
 * One row of {@code bench.json}: a run of the job at one worker count.
 *
 * @param wallSeconds the whole run, job start-up included, as the user waits for it
 * @param speedup wall time of the one-worker row (or the first row, scaled) over this row's
 * @param efficiency speedup per worker
 * @param extractionSeconds from the first request's arrival at the simulator to its last response
 * @param idealSeconds the {@link LowerBound} of the simulator's own service times of this row's
 *     calls on {@code workers} slots: max(longest call, sum of calls / workers). No schedule beats
 *     it; the best one may take longer
 * @param idealRatio idealSeconds / extractionSeconds: 1 would mean the calls took no longer than
 *     the bound allows; below 1 is time lost to the schedule, the job and the runner together
 * @param maxInFlight the most requests the simulator had at once
 * @param peakRpm the simulator's busiest 60 s of requests
 * @param peakTpm the simulator's busiest 60 s of rate-limit tokens, as it charges them
 * @param callsSeconds the sum of the simulator's service times of this row's calls
 * @param longestCallSeconds the longest of them
 */
public record BenchRow(
    int workers,
    double wallSeconds,
    double speedup,
    double efficiency,
    double throughputChunksPerS,
    BigDecimal costUsd,
    long beliefs,
    long requests,
    double extractionSeconds,
    double idealSeconds,
    double idealRatio,
    long maxInFlight,
    long peakRpm,
    long peakTpm,
    double callsSeconds,
    double longestCallSeconds) {}
