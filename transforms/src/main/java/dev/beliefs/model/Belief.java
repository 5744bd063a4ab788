package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A belief found in one chunk.
 *
 * @param speaker who holds it, as named in the transcript
 * @param statement the belief as a standalone sentence, understandable without the transcript
 * @param stance whether the speaker affirms the statement, denies it, or is unsure of it (see
 *     {@link Stance})
 * @param confidence how firmly the speaker holds it, 0..1
 * @param topic a few words naming what it is about
 * @param evidence the speaker's own words that show it
 */
@DefaultCoder(JsonCoder.class)
public record Belief(
    String speaker,
    String statement,
    String stance,
    double confidence,
    String topic,
    Evidence evidence)
    implements Serializable {}
