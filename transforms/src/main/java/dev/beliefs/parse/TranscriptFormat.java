package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.List;

/**
 * One transcript file format. Adding a format means writing one implementation and listing it in
 * {@link TranscriptFormats}.
 */
public interface TranscriptFormat {

  /** The name users pass to {@code --format} and that records carry. */
  String name();

  /**
   * Whether this format reads the file, judged from its name and its decoded text. Formats are
   * asked in the order {@link TranscriptFormats} lists them; the first that claims the file reads
   * it.
   */
  boolean claims(String fileName, String text);

  /**
   * What a file of this format holds, in a few words, for the message when no format reads a file:
   * "a first line WEBVTT and cue timings such as ...".
   */
  String expects();

  /**
   * How many of this format's tell-tale signs a file that no format claims shows, 0 for none: the
   * format with the most is named as the closest in the failure. It is asked only after every
   * format declined, so it may be slow.
   */
  default int resemblance(String fileName, String text) {
    return 0;
  }

  /**
   * The utterances of the transcript, indexed from 0, with empty speech left out.
   *
   * @throws TranscriptParseException when the text is not a readable transcript of this format
   */
  List<Utterance> parse(String text) throws TranscriptParseException;
}
