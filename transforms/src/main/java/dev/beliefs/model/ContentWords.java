package dev.beliefs.model;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content words of a text, as stems: lower case, function words and fillers left out, each word
 * cut to its first {@value #STEM_LENGTH} letters (truncation stemming: "clouds" and "cloud",
 * "inevitable" and "inevitably" meet; so, harmlessly for a similarity, may "state" and
 * "statement"). What grounding and merging compare when they ask whether two texts speak of the
 * same things.
 */
public final class ContentWords {

  static final int STEM_LENGTH = 5;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          ("a an the and or but nor so yet for of in on at to from by with without about into onto"
                  + " over under than then that this these those there here it its is are was were"
                  + " be been being am do does did doing done have has had having i me my mine"
                  + " myself we us our ours you your yours he him his she her hers they them their"
                  + " theirs what which who whom whose when where why how all any both each few more"
                  + " most other some such no not only own same too very can will just should would"
                  + " could may might must shall also as if because while until up down out off"
                  + " again further once really like actually kind sort thing things lot lots one"
                  + " get got go going gonna well yeah oh um uh okay ok")
              .split(" "));

  private ContentWords() {}

  /** The stems of the text's content words, in order of first appearance. */
  public static Set<String> stems(String text) {
    Set<String> stems = new LinkedHashSet<>();
    Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (word.find()) {
      String w = word.group().replaceAll("['’]s$", "").replace('’', '\'');
      if (w.length() >= 3 && !FUNCTION_WORDS.contains(w) && !w.contains("'")) {
        stems.add(w.length() > STEM_LENGTH ? w.substring(0, STEM_LENGTH) : w);
      }
    }
    return stems;
  }

  /** How many stems the two sets share. */
  public static int shared(Set<String> a, Set<String> b) {
    int shared = 0;
    for (String stem : a) {
      if (b.contains(stem)) {
        shared++;
      }
    }
    return shared;
  }
}
