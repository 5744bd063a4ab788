package dev.beliefs.pipeline.bench;

import java.math.BigDecimal;

/**
 * One row of {@code bench.json}: a run of the job at one worker count.
 *
 * @param wallSeconds the whole run, job start-up included, as the user waits for it
 * @param speedup wall time of the one-worker row (or the first row, scaled) over this row's
 * @param efficiency speedup per worker
 * @param extractionSeconds from the first request's arrival at the simulator to its last response
 * @param idealSeconds makespan of a longest-first list schedule of the simulator's own service
 *     times on {@code workers} slots
 * @param idealRatio idealSeconds / extractionSeconds: 1 means no time lost between calls
 * @param maxInFlight the most requests the simulator had at once
 * @param peakRpm the simulator's busiest 60 s of requests
 * @param peakTpm the simulator's busiest 60 s of tokens, counted as OpenAI counts them
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
    long peakTpm) {}
