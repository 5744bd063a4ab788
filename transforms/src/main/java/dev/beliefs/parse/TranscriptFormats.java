package dev.beliefs.parse;

import dev.beliefs.parse.formats.AssemblyAiJsonFormat;
import dev.beliefs.parse.formats.BeliefsJsonFormat;
import dev.beliefs.parse.formats.DeepgramJsonFormat;
import dev.beliefs.parse.formats.LabelledTextFormat;
import dev.beliefs.parse.formats.MarkdownHeadingsFormat;
import dev.beliefs.parse.formats.NamedCaptionsFormat;
import dev.beliefs.parse.formats.OtterTextFormat;
import dev.beliefs.parse.formats.PodcastHtmlFormat;
import dev.beliefs.parse.formats.PodcastJsonFormat;
import dev.beliefs.parse.formats.SrtFormat;
import dev.beliefs.parse.formats.WebVttFormat;
import dev.beliefs.parse.formats.WhisperJsonFormat;
import dev.beliefs.parse.json.JsonOutline;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The formats the job reads, asked in order: the first that claims a file reads it. Caption formats
 * go first, as their extension or first line is unmistakable (captions that name speakers with a
 * prefix before plain ones); then the JSON shapes, which claim by content whatever the file's name;
 * then HTML, and the text layouts recognised by their turn headers (Otter, Markdown headings);
 * plain text with speaker labels last, by extension.
 */
public final class TranscriptFormats {

  private static final List<TranscriptFormat> ALL =
      List.of(
          new NamedCaptionsFormat(),
          new WebVttFormat(),
          new SrtFormat(),
          new PodcastJsonFormat(),
          new BeliefsJsonFormat(),
          new WhisperJsonFormat(),
          new AssemblyAiJsonFormat(),
          new DeepgramJsonFormat(),
          new PodcastHtmlFormat(),
          new OtterTextFormat(),
          new MarkdownHeadingsFormat(),
          new LabelledTextFormat());

  private TranscriptFormats() {}

  public static List<TranscriptFormat> all() {
    return ALL;
  }

  public static Optional<TranscriptFormat> named(String name) {
    return ALL.stream().filter(format -> format.name().equals(name)).findFirst();
  }

  public static String names() {
    return ALL.stream().map(TranscriptFormat::name).collect(Collectors.joining(", "));
  }

  /**
   * The format that reads this file, or a failure that says why none does and which format the file
   * resembles most: {@code invalid_json} and {@code wrong_shape} for JSON no format knows, else
   * {@code unknown_format}.
   */
  public static TranscriptFormat detect(String fileName, String text)
      throws TranscriptParseException {
    for (TranscriptFormat format : ALL) {
      if (format.claims(fileName, text)) {
        return format;
      }
    }
    String closest = closest(fileName, text);
    if (fileName.toLowerCase(Locale.ROOT).endsWith(".json") || JsonOutline.looksLikeJson(text)) {
      JsonOutline outline = JsonOutline.of(text);
      if (outline.error() != null) {
        throw new TranscriptParseException("invalid_json", "not valid JSON: " + outline.error());
      }
      throw new TranscriptParseException(
          "wrong_shape",
          "JSON of no known transcript shape: expected 'segments' (Whisper, WhisperX,"
              + " whisper-timestamped, Podcasting 2.0), 'utterances' (this project's format,"
              + " AssemblyAI) or 'results' (Deepgram); "
              + closest
              + "; see docs/formats.md");
    }
    throw new TranscriptParseException(
        "unknown_format",
        "no transcript format recognises this file; "
            + closest
            + " (known: "
            + names()
            + "); rename it with the right extension or force one with --format");
  }

  /** Names the format the file resembles most and what that format expected. */
  private static String closest(String fileName, String text) {
    TranscriptFormat best = null;
    int bestScore = 0;
    for (TranscriptFormat format : ALL) {
      int score = format.resemblance(fileName, text);
      if (score > bestScore) {
        best = format;
        bestScore = score;
      }
    }
    return best == null
        ? "it resembles none of them"
        : "the closest format is " + best.name() + ", which expects " + best.expects();
  }
}
