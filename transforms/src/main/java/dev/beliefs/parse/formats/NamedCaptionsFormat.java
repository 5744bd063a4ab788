package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.captions.CaptionCues;
import dev.beliefs.parse.captions.Captions;
import dev.beliefs.parse.text.NameShape;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebVTT or SRT captions whose cue text names the speaker with a prefix, {@code Name: words}:
 * Zoom's cloud-recording transcripts, the podcast namespace's SRT ("include the speaker's name,
 * followed by a colon" when the speaker changes) and other tools. A line of a cue that starts with
 * a name and a colon (a dialogue dash before it allowed) starts that speaker's speech; a cue
 * without one continues the previous speaker. Whether the text before a colon is a name is judged
 * as in plain text ({@link NameShape}: capitalised, in capitals or in a script without them; {@code
 * Note:} is not). It is recognised by a caption file ({@code .vtt}, {@code .srt}, a {@code WEBVTT}
 * line or an SRT opening) without voice spans in which at least one cue starts that way; cues and
 * their text are read as for {@link WebVttFormat} and {@link SrtFormat}, without the prefixes.
 */
public final class NamedCaptionsFormat implements TranscriptFormat {

  private static final Pattern PREFIX =
      Pattern.compile(
          "^\\s*(?:-\\s*)?(?<name>[^:：<>\\[\\]()\\n]{1,60}?)\\s*(?::\\s+|：\\s*)(?<rest>.*)$");
  private static final int SAMPLED_CUES = 2_000;

  private final WebVttFormat webVtt = new WebVttFormat();
  private final SrtFormat srt = new SrtFormat();

  @Override
  public String name() {
    return "named-captions";
  }

  @Override
  public String expects() {
    return "WebVTT or SRT cues whose text starts with the speaker, 'Name: words'";
  }

  @Override
  public boolean claims(String fileName, String text) {
    if (!(webVtt.claims(fileName, text) || srt.claims(fileName, text)) || text.contains("<v")) {
      return false;
    }
    boolean[] named = {false};
    try {
      CaptionCues.forEach(
          text,
          SAMPLED_CUES,
          cue -> named[0] |= cue.lines().stream().anyMatch(line -> prefix(line) != null));
    } catch (TranscriptParseException e) {
      return false;
    }
    return named[0];
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    return Captions.utterances(text, NamedCaptionsFormat::prefixedLines);
  }

  private static List<Captions.Run> prefixedLines(List<String> cueLines) {
    return Captions.runsAtLabels(cueLines, NamedCaptionsFormat::prefix);
  }

  /** The speaker a line's name prefix names and the words after it, or null. */
  private static Captions.Run prefix(String line) {
    Matcher prefix = PREFIX.matcher(line);
    if (!prefix.matches()) {
      return null;
    }
    String name = prefix.group("name").strip();
    NameShape shape = NameShape.of(name);
    boolean isName =
        shape == NameShape.CAPITALISED || shape == NameShape.ALL_CAPS || shape == NameShape.UNCASED;
    return isName ? new Captions.Run(name, prefix.group("rest")) : null;
  }
}
