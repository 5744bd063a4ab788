package dev.beliefs.parse;

import dev.beliefs.model.Utterance;
import java.util.ArrayList;
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
    List<Captions.Run> runs = new ArrayList<>();
    String speaker = null;
    StringBuilder run = new StringBuilder();
    for (String line : cueLines) {
      Matcher prefix = prefix(line);
      if (prefix != null) {
        runs.add(new Captions.Run(speaker, run.toString()));
        run.setLength(0);
        speaker = prefix.group("name").strip();
        line = prefix.group("rest");
      }
      run.append(line).append('\n');
    }
    runs.add(new Captions.Run(speaker, run.toString()));
    return runs;
  }

  /** The line's name prefix, or null when it starts with none. */
  private static Matcher prefix(String line) {
    Matcher prefix = PREFIX.matcher(line);
    if (!prefix.matches()) {
      return null;
    }
    NameShape shape = NameShape.of(prefix.group("name").strip());
    boolean name =
        shape == NameShape.CAPITALISED || shape == NameShape.ALL_CAPS || shape == NameShape.UNCASED;
    return name ? prefix : null;
  }
}
