package dev.beliefs.parse.text;

import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Decides, from the whole of a plain-text transcript, which {@link LabelCandidate}s are speaker
 * labels. A label need not occur twice: a speaker who speaks once is a speaker. Instead:
 *
 * <ol>
 *   <li>the text before the colon must look like a name ({@link NameShape}): {@code Sam Rivera:}
 *       does, {@code The key is:} and {@code Note:} do not, however often they occur;
 *   <li>an explicit label (bold, with a time or a role) counts on its shape alone; so does a
 *       capitalised or all-capitals name;
 *   <li>a lowercase name ({@code alice:}) or one in a script without capitals ({@code 主持人：}) counts
 *       only in a file that names speakers that way: at least two such label lines, and for
 *       lowercase names at least half of the file's plain label lines;
 *   <li>where the file starts its turns on a new paragraph (at least three label lines after a
 *       blank line, and two in three of all), a plain label inside a paragraph counts only if the
 *       same name starts a paragraph somewhere: otherwise it is a line of the speech.
 * </ol>
 *
 * It also records the roles that labels declare ({@link SpeakerNames}) and whether the file's
 * speech is written in mixed case, which decides what a line in capitals is ({@link TextNotes}).
 */
public final class SpeakerLabels {

  private final Map<String, Stats> byLabel = new HashMap<>();
  private final SpeakerNames names = new SpeakerNames();
  private int lowercaseLines;
  private int uncasedLines;
  private int plainLines;
  private int linesWithLetters;
  private int linesWithLowercase;
  private boolean paragraphTurns;

  private static final class Stats {
    NameShape shape;
    boolean explicit;
    int lines;
    int afterBlank;
  }

  private SpeakerLabels() {}

  public static SpeakerLabels of(String text) {
    SpeakerLabels labels = new SpeakerLabels();
    Paragraphs.forEachLine(text, labels::count);
    labels.finish();
    return labels;
  }

  private void count(String line, boolean afterBlank) {
    if (line.chars().anyMatch(Character::isLetter)) {
      linesWithLetters++;
      linesWithLowercase += line.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
    }
    LabelCandidate candidate = LabelCandidate.of(line);
    if (candidate == null) {
      return;
    }
    Stats stats = byLabel.computeIfAbsent(candidate.label(), label -> new Stats());
    stats.shape = NameShape.of(nameOf(candidate.label()));
    stats.explicit |= candidate.explicit();
    stats.lines++;
    stats.afterBlank += afterBlank ? 1 : 0;
    if (!candidate.explicit()) {
      plainLines++;
      lowercaseLines += stats.shape == NameShape.LOWERCASE ? 1 : 0;
    }
    uncasedLines += stats.shape == NameShape.UNCASED ? 1 : 0;
    names.declare(candidate.label());
  }

  private void finish() {
    int labelled = 0;
    int labelledAfterBlank = 0;
    for (Stats stats : byLabel.values()) {
      if (isName(stats)) {
        labelled += stats.lines;
        labelledAfterBlank += stats.afterBlank;
      }
    }
    paragraphTurns = labelledAfterBlank >= 3 && labelledAfterBlank * 3 >= labelled * 2;
  }

  /** Whether the line's candidate is a speaker label. */
  public boolean counts(@Nullable LabelCandidate candidate, boolean afterBlank) {
    if (candidate == null) {
      return false;
    }
    Stats stats = byLabel.get(candidate.label());
    if (stats == null || !isName(stats)) {
      return false;
    }
    return candidate.explicit() || afterBlank || !paragraphTurns || stats.afterBlank > 0;
  }

  public boolean any() {
    return byLabel.values().stream().anyMatch(this::isName);
  }

  /** Whether most lines with letters have lowercase ones, as speech written normally has. */
  public boolean mixedCase() {
    return linesWithLowercase * 2 >= linesWithLetters;
  }

  public String resolve(String label) {
    return names.resolve(label);
  }

  private boolean isName(Stats stats) {
    return switch (stats.shape) {
      case NONE -> false;
      case CAPITALISED, ALL_CAPS -> true;
      case UNCASED -> stats.explicit || uncasedLines >= 2;
      case LOWERCASE -> stats.explicit || (lowercaseLines >= 2 && lowercaseLines * 2 >= plainLines);
    };
  }

  /** The name part of a label, without a role in brackets. */
  private static String nameOf(String label) {
    String cleaned = SpeakerNames.clean(label);
    int role = cleaned.indexOf('(');
    return role > 0 ? cleaned.substring(0, role).strip() : cleaned;
  }
}
