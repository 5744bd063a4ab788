package dev.beliefs.merge;

import dev.beliefs.json.JsonCoder;
import dev.beliefs.model.Belief;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/** A belief as found at one level: the unit that merging groups. */
@DefaultCoder(JsonCoder.class)
public record Mention(int level, Belief belief) implements Serializable {}
