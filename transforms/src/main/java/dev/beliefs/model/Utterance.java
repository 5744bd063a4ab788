package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One speaker turn. {@code index} is its position in the transcript, counted from 0. */
@DefaultCoder(JsonCoder.class)
public record Utterance(
    int index,
    String speaker,
    @Nullable Double startSeconds,
    @Nullable Double endSeconds,
    String text)
    implements Serializable {

  public int wordCount() {
    return Words.count(text);
  }
}
