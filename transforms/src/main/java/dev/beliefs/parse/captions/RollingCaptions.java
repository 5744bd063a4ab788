package dev.beliefs.parse.captions;

import dev.beliefs.parse.TranscriptParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * YouTube's automatic captions roll: each cue shows the line of the cue before it again above its
 * new line, and short cues in between repeat both. Read as they are, every sentence would be said
 * two or three times. A file rolls when most of its first {@value #SAMPLED_CUES} cues repeat a line
 * of the cue before; then each cue's lines that continue the previous cue's last lines (at most
 * {@value #MAX_REPEATED}) are dropped and only the new ones kept. Files that do not roll are read
 * as written, so a speaker who says the same line twice keeps both.
 */
final class RollingCaptions {

  private static final int MAX_REPEATED = 4;
  private static final int SAMPLED_CUES = 200;

  private List<String> previous = List.of();

  /** Whether the captions of this WebVTT or SRT text roll. */
  static boolean detect(String text) throws TranscriptParseException {
    RepeatCounter counter = new RepeatCounter();
    int cues = CaptionCues.forEach(text, SAMPLED_CUES, counter::count);
    return cues >= 2 && counter.repeating * 2 > cues;
  }

  /** The lines of this cue that the previous cue did not already show, as written. */
  List<String> newLines(List<String> cueLines) {
    List<String> written = new ArrayList<>();
    List<String> cleaned = new ArrayList<>();
    for (String line : cueLines) {
      String clean = CaptionText.clean(line);
      if (!clean.isEmpty()) {
        written.add(line);
        cleaned.add(clean);
      }
    }
    int repeated = overlap(previous, cleaned);
    previous = cleaned;
    return written.subList(repeated, written.size());
  }

  /** The largest k such that the last k lines of {@code before} are the first k of {@code now}. */
  private static int overlap(List<String> before, List<String> now) {
    for (int k = Math.min(MAX_REPEATED, Math.min(before.size(), now.size())); k > 0; k--) {
      if (before.subList(before.size() - k, before.size()).equals(now.subList(0, k))) {
        return k;
      }
    }
    return 0;
  }

  private static final class RepeatCounter {
    private Set<String> previous = Set.of();
    private int repeating;

    void count(CaptionCues.Cue cue) {
      Set<String> lines = new HashSet<>();
      for (String line : cue.lines()) {
        String clean = CaptionText.clean(line);
        if (!clean.isEmpty()) {
          lines.add(clean);
        }
      }
      if (lines.stream().anyMatch(previous::contains)) {
        repeating++;
      }
      previous = lines;
    }
  }
}
