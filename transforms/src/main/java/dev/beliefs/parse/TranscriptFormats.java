package dev.beliefs.parse;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The formats the job reads, asked in order: the first that claims a file reads it. */
public final class TranscriptFormats {

  private static final List<TranscriptFormat> ALL =
      List.of(new BeliefsJsonFormat(), new LabelledTextFormat());

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

  /** The format that reads this file, or a failure that says which formats exist. */
  public static TranscriptFormat detect(String fileName, String text)
      throws TranscriptParseException {
    for (TranscriptFormat format : ALL) {
      if (format.claims(fileName, text)) {
        return format;
      }
    }
    throw new TranscriptParseException(
        "unknown_format",
        "no transcript format recognises this file (known: "
            + names()
            + "); rename it with the right extension or force one with --format");
  }
}
