package dev.beliefs.cost;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/** Percentiles of per-chunk extraction latency, in milliseconds. */
@DefaultCoder(JsonCoder.class)
public record Latency(long count, long p50Ms, long p90Ms, long p99Ms, long maxMs, double meanMs)
    implements Serializable {}
