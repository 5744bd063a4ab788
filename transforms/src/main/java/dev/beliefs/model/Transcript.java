package dev.beliefs.model;

import dev.beliefs.json.JsonCoder;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A parsed transcript.
 *
 * @param id stable identity: the source path relative to the input root, without extension
 * @param sourceUri where it was read from
 * @param contentSha256 hex SHA-256 of the file's bytes, so a changed file is recognised
 * @param format name of the format it was parsed as
 * @param utterances speaker turns in order, indexed from 0
 */
@DefaultCoder(JsonCoder.class)
public record Transcript(
    String id, String sourceUri, String contentSha256, String format, List<Utterance> utterances)
    implements Serializable {

  public Transcript {
    utterances = List.copyOf(utterances);
  }
}
