package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Words a speaker said that show a belief, and where in the transcript they were said. */
@DefaultCoder(JsonCoder.class)
public record Evidence(
    String quote, int utteranceIndex, @Nullable Double startSeconds, @Nullable Double endSeconds)
    implements Serializable {}
