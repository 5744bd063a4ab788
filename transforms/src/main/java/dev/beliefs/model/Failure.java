package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A dead-letter record: what could not be processed, where, and why. One line of {@code
 * failures/*.jsonl}.
 *
 * @param source the transcript file, or the chunk id for a chunk
 * @param stage {@code parse}, {@code extract}, ...
 * @param reason a short stable word, for grouping and scripts
 * @param detail a message a person can act on
 * @param attempts how many times it was tried
 */
@DefaultCoder(JsonCoder.class)
public record Failure(String source, String stage, String reason, String detail, int attempts)
    implements Serializable {

  public static final String STAGE_PARSE = "parse";
  public static final String STAGE_EXTRACT = "extract";
}
