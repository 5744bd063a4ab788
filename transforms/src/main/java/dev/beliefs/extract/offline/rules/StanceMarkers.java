package dev.beliefs.extract.offline.rules;

import dev.beliefs.model.Stance;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stance and confidence a sentence's own words give its view: "I don't think" and "I doubt"
 * deny what follows; "I'm not sure", "I wonder", "may be able to", "we'll have to see" leave it
 * unsure; anything else affirms. Emphasis ("absolutely", "I'm convinced", "truly") raises the
 * confidence, hedges ("maybe", "I guess", "kind of") lower it.
 */
public final class StanceMarkers {

  /** Where the sentence's stance comes from: the marker, and where it ends in the sentence. */
  public record Reading(String stance, double confidence, int markerEnd) {}

  private record Marker(Pattern pattern, String stance, double confidence) {}

  private static final String THAT = "(?:\\s+that(?=\\s))?";
  private static final String LEAD =
      "^(?:(?:so|and|but|well|yeah|yes|oh|now|honestly|actually|you know|I mean)\\W+)*";

  /** Markers that govern the rest of the sentence when they open it. */
  private static final List<Marker> LEADING =
      List.of(
          marker(
              "I (?:don't|do not|don’t) (?:really )?(?:believe|think)" + THAT, Stance.DENIES, 0.8),
          marker("I doubt" + THAT, Stance.DENIES, 0.7),
          marker("I(?:'m| am|’m) not (?:sure|certain)(?: if| whether)?" + THAT, Stance.UNSURE, 0.4),
          marker("I wonder (?:if|whether)", Stance.UNSURE, 0.35),
          marker(
              "I(?:'m| am|’m) (?:absolutely |really |pretty )?(?:convinced|sure|certain|confident)"
                  + THAT,
              Stance.AFFIRMS,
              0.9),
          marker(
              "I (?:strongly|firmly|truly|really) (?:believe|think)" + THAT, Stance.AFFIRMS, 0.9),
          marker(
              "(?:I|we) (?:believe|think)" + THAT + "(?:,?\\s*(?:I|we) (?:believe|think))*" + THAT,
              Stance.AFFIRMS,
              0.75),
          marker("I feel (?:like|that)", Stance.AFFIRMS, 0.7),
          marker("in my (?:opinion|view|experience),?", Stance.AFFIRMS, 0.75),
          marker("I(?:'d| would) (?:say|argue)" + THAT, Stance.AFFIRMS, 0.7),
          marker("I (?:guess|suppose|suspect|imagine)" + THAT, Stance.AFFIRMS, 0.55));

  private static final Pattern UNSURE_ANYWHERE =
      Pattern.compile(
          "(?i)\\b(?:may be able to|might be able to|we(?:'ll|’ll| will) have to see|I(?:'m|’m) not"
              + " sure|I wonder)\\b");
  private static final Pattern EMPHASIS =
      Pattern.compile(
          "(?i)\\b(?:absolutely|definitely|truly|certainly|clearly|no doubt|convinced|of course)\\b");
  private static final Pattern HEDGES =
      Pattern.compile(
          "(?i)\\b(?:maybe|probably|perhaps|might|kind of|sort of|somewhat|possibly|I guess)\\b");

  private StanceMarkers() {}

  public static Reading read(String sentence) {
    for (Marker marker : LEADING) {
      Matcher match = marker.pattern.matcher(sentence);
      if (match.lookingAt()) {
        return new Reading(marker.stance, adjust(marker.confidence, sentence), match.end());
      }
    }
    if (UNSURE_ANYWHERE.matcher(sentence).find()) {
      return new Reading(Stance.UNSURE, 0.45, 0);
    }
    return new Reading(Stance.AFFIRMS, adjust(0.75, sentence), 0);
  }

  private static double adjust(double confidence, String sentence) {
    double adjusted = confidence;
    if (EMPHASIS.matcher(sentence).find()) {
      adjusted += 0.1;
    }
    if (HEDGES.matcher(sentence).find()) {
      adjusted -= 0.15;
    }
    return Math.round(Math.max(0.2, Math.min(0.95, adjusted)) * 100) / 100.0;
  }

  private static Marker marker(String regex, String stance, double confidence) {
    return new Marker(
        Pattern.compile("(?iu)" + LEAD + "(?:" + regex + ")\\b,?\\s*"), stance, confidence);
  }
}
