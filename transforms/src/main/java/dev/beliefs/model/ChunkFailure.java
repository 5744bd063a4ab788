package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/** A chunk that could not be extracted: its dead-letter record and what its attempts cost. */
@DefaultCoder(JsonCoder.class)
public record ChunkFailure(String transcriptId, Failure failure, CallStats stats)
    implements Serializable {}
