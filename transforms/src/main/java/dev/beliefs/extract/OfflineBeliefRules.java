package dev.beliefs.extract;

import dev.beliefs.model.Stance;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds beliefs with rules, in the words themselves: a sentence holds a belief when its speaker
 * marks a clause as their own view ("I think", "I'm convinced", "in my opinion"), rejects it ("I
 * don't think", "I doubt") or entertains it ("I'm not sure that"). The marker sets stance and
 * confidence; hedges inside the clause ("maybe", "probably", "kind of") lower the confidence. The
 * clause, with first-person words replaced by the speaker's name, becomes the statement; the whole
 * sentence, copied verbatim, is the evidence.
 *
 * <p>Deterministic and free, it is far less perceptive than a language model: it misses beliefs
 * stated without a marker and cannot resolve references such as "that" or "it".
 */
public final class OfflineBeliefRules {

  private static final int MIN_CLAUSE_WORDS = 4;
  private static final double HEDGE_PENALTY = 0.15;

  private record Marker(Pattern pattern, String stance, double confidence, boolean keepsSubject) {
    static Marker of(String regex, String stance, double confidence) {
      return new Marker(compile(regex), stance, confidence, false);
    }
  }

  /** "that" introducing the clause, but not "that's" or "that" as the clause's subject. */
  private static final String THAT_AS_SUBJECT =
      "(?!\\s+(?:is|was|has|had|would|will|could|can|maybe|probably|really|just)\\b)";

  private static final String THAT = "(?: that(?=\\s)" + THAT_AS_SUBJECT + ")?";
  private static final Pattern LEADING_THAT =
      Pattern.compile("(?iu)^that(?=\\s)" + THAT_AS_SUBJECT + "\\s+");
  private static final Pattern DANGLING_END =
      Pattern.compile("(?iu)\\b(?:the|a|an|to|of|in|on|and|but|or|with|for|that|is|was)$");

  private static final List<Marker> MARKERS =
      List.of(
          Marker.of(
              "I (?:don't|do not|don’t) (?:really )?(?:believe|think)" + THAT, Stance.DENIES, 0.8),
          Marker.of("I(?:'m| am|’m) not convinced" + THAT, Stance.DENIES, 0.7),
          Marker.of("I doubt" + THAT, Stance.DENIES, 0.7),
          Marker.of(
              "I(?:'m| am|’m) not (?:sure|certain)(?: if| whether)?" + THAT, Stance.UNSURE, 0.4),
          Marker.of("I (?:don't|do not|don’t) know (?:if|whether)", Stance.UNSURE, 0.35),
          Marker.of("I wonder (?:if|whether)", Stance.UNSURE, 0.35),
          Marker.of(
              "I(?:'m| am|’m) (?:absolutely |really |pretty )?(?:convinced|sure|certain|confident)"
                  + THAT,
              Stance.AFFIRMS,
              0.9),
          Marker.of(
              "I (?:strongly|firmly|truly|really) (?:believe|think)" + THAT, Stance.AFFIRMS, 0.9),
          Marker.of(
              "there(?:'s| is|’s) no (?:doubt|question)(?: about it,?)?" + THAT,
              Stance.AFFIRMS,
              0.9),
          Marker.of("I know(?: that(?=\\s)|(?= (?-i:\\p{Lu})\\p{L}))", Stance.AFFIRMS, 0.85),
          Marker.of("(?:I|we) (?:believe|think)" + THAT, Stance.AFFIRMS, 0.75),
          Marker.of("I feel (?:like|that)", Stance.AFFIRMS, 0.7),
          Marker.of("in my (?:opinion|view|experience),?", Stance.AFFIRMS, 0.75),
          Marker.of("my (?:view|opinion|sense|feeling) is" + THAT, Stance.AFFIRMS, 0.75),
          Marker.of("I(?:'d| would) (?:say|argue)" + THAT, Stance.AFFIRMS, 0.7),
          Marker.of(
              "I(?:'m| am|’m) a (?:big |firm |huge |strong )?believer (?:in|that)",
              Stance.AFFIRMS,
              0.85),
          Marker.of("I (?:guess|suppose|suspect|imagine)" + THAT, Stance.AFFIRMS, 0.55),
          Marker.of("it seems to me" + THAT, Stance.AFFIRMS, 0.55),
          new Marker(compile("I (?:love|like)"), Stance.AFFIRMS, 0.7, true));

  private static final Pattern HEDGES =
      compile("maybe|probably|perhaps|might|kind of|sort of|somewhat|possibly|I guess");
  private static final Pattern FILLERS =
      Pattern.compile(
          "(?iu)^(?:(?:so|and|but|well|yeah|yes|oh|now|actually|honestly|you know|I mean|um|uh"
              + "|like|okay|ok|also|because|certainly|for (?:myself|me))\\b[,\\s]*|[-–—,.\\s]+)+");
  private static final Pattern SENTENCE_END =
      Pattern.compile(
          "(?<=[.!?…][\"”’)]?)(?<!\\b(?:Dr|Mr|Mrs|Ms|St|vs|etc|Jr|Sr|Prof|No|U\\.S|U\\.K|e\\.g|i\\.e)\\.)\\s+");
  private static final Pattern ABOUT_LISTENER = Pattern.compile("(?iu)you\\b|your\\b");
  private static final Pattern CLAUSE_END =
      Pattern.compile("\\s*(?:;|\\s--\\s|\\s—\\s|\\s–\\s).*$");
  private static final Pattern PROPER_PHRASE =
      Pattern.compile("\\b\\p{Lu}[\\p{L}\\d'’-]*(?:\\s+\\p{Lu}[\\p{L}\\d'’-]*)*");
  private static final Set<String> NOT_TOPICS =
      Set.of(
          "I", "I'm", "I’m", "I've", "I'd", "I'll", "So", "And", "But", "The", "It", "That", "This",
          "We", "They", "You", "Yeah", "Well", "Oh", "Okay");
  private static final Set<String> COMMON_WORDS =
      Set.of(
          "really",
          "going",
          "think",
          "would",
          "could",
          "should",
          "there",
          "their",
          "about",
          "which",
          "these",
          "those",
          "being",
          "been",
          "have",
          "that",
          "this",
          "with",
          "from",
          "just",
          "kind",
          "much",
          "very",
          "more",
          "what",
          "when",
          "where",
          "were",
          "will",
          "also",
          "then",
          "than",
          "into",
          "only",
          "over",
          "some",
          "such",
          "like",
          "make",
          "know",
          "said",
          "well",
          "able",
          "here",
          "they",
          "them",
          "your",
          "yours",
          "ours",
          "doing",
          "thing",
          "things",
          "actually",
          "something",
          "anything",
          "everything",
          "because",
          "maybe",
          "probably",
          "always",
          "never",
          "still",
          "even",
          "back",
          "good",
          "great",
          "time",
          "done",
          "does",
          "each",
          "other",
          "same",
          "want",
          "part",
          "sure",
          "lots",
          "pretty",
          "quite");
  private static final Map<Pattern, String> FIRST_PERSON = firstPerson();

  private OfflineBeliefRules() {}

  /** The beliefs stated in these utterances, one per speaker and statement, in order. */
  public static List<ModelBelief> find(List<Utterance> utterances) {
    Map<String, ModelBelief> found = new LinkedHashMap<>();
    for (Utterance utterance : utterances) {
      for (String sentence : sentences(utterance.text())) {
        ModelBelief belief = fromSentence(utterance, sentence);
        if (belief != null) {
          found.putIfAbsent(
              belief.speaker() + "\n" + belief.statement().toLowerCase(Locale.ROOT), belief);
        }
      }
    }
    return List.copyOf(found.values());
  }

  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(text)) {
      if (!sentence.isBlank()) {
        sentences.add(sentence.strip());
      }
    }
    return sentences;
  }

  /** The belief of the first marker in the sentence that governs a long enough clause. */
  private static ModelBelief fromSentence(Utterance utterance, String sentence) {
    if (sentence.endsWith("?")) {
      return null;
    }
    List<MarkerMatch> matches = new ArrayList<>();
    for (Marker marker : MARKERS) {
      Matcher match = marker.pattern.matcher(sentence);
      while (match.find()) {
        matches.add(new MarkerMatch(marker, match.toMatchResult()));
      }
    }
    matches.sort(
        Comparator.comparingInt((MarkerMatch m) -> m.match.start())
            .thenComparingInt(m -> -(m.match.end() - m.match.start())));
    for (MarkerMatch match : matches) {
      String clause = clause(sentence, match);
      if (clause != null) {
        return belief(utterance, sentence, match, clause);
      }
    }
    return null;
  }

  private record MarkerMatch(Marker marker, MatchResult match) {}

  private static ModelBelief belief(
      Utterance utterance, String sentence, MarkerMatch match, String clause) {
    Marker marker = match.marker;
    String speaker = utterance.speaker();
    String statement =
        marker.keepsSubject
            ? speaker + " " + thirdPerson(match.match.group()) + " " + clause
            : clause;
    statement = sentenceCase(replaceFirstPerson(statement, speaker));
    double confidence = marker.confidence;
    if (HEDGES.matcher(clause).find()) {
      confidence = Math.max(0.2, confidence - HEDGE_PENALTY);
    }
    return new ModelBelief(
        speaker,
        statement,
        marker.stance,
        Math.round(confidence * 100) / 100.0,
        topic(clause, speaker),
        sentence,
        utterance.index());
  }

  /**
   * The proposition a marker governs: what follows it, or the whole sentence without it when the
   * marker is a parenthetical ("that has been, I think, a nice development"). Null when too short.
   */
  private static String clause(String sentence, MarkerMatch markerMatch) {
    MatchResult marker = markerMatch.match;
    String before = FILLERS.matcher(sentence.substring(0, marker.start())).replaceFirst("").strip();
    String after = sentence.substring(marker.end());
    boolean parenthetical =
        !before.isEmpty()
            && sentence.substring(0, marker.start()).stripTrailing().endsWith(",")
            && after.startsWith(",");
    String clause = parenthetical ? before.replaceAll(",$", "") + " " + after.substring(1) : after;
    String previous;
    do {
      previous = clause;
      clause = FILLERS.matcher(clause).replaceFirst("");
      Matcher repeated = markerMatch.marker.pattern.matcher(clause);
      if (repeated.lookingAt()) {
        clause = clause.substring(repeated.end());
      }
      clause = LEADING_THAT.matcher(clause).replaceFirst("");
    } while (!clause.equals(previous));
    clause = CLAUSE_END.matcher(clause).replaceFirst("").strip();
    clause = clause.replaceAll("[\\s,]+$", "").replaceAll("\\s+", " ");
    boolean aboutListener = ABOUT_LISTENER.matcher(clause).lookingAt();
    boolean unfinished = DANGLING_END.matcher(clause).find();
    return aboutListener || unfinished || clause.split(" ").length < MIN_CLAUSE_WORDS
        ? null
        : clause;
  }

  private static String thirdPerson(String verbPhrase) {
    String verb = verbPhrase.substring(verbPhrase.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
    return verb + "s";
  }

  private static String replaceFirstPerson(String text, String speaker) {
    String result = text;
    for (Map.Entry<Pattern, String> rule : FIRST_PERSON.entrySet()) {
      String replacement = rule.getValue().replace("{S}", Matcher.quoteReplacement(speaker));
      result = rule.getKey().matcher(result).replaceAll(replacement);
    }
    return result;
  }

  private static String sentenceCase(String text) {
    String trimmed = text.strip();
    String capitalised = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    return capitalised.matches(".*[.!…]$") ? capitalised : capitalised + ".";
  }

  /** A named thing the clause mentions, else its first two content words. */
  private static String topic(String clause, String speaker) {
    Matcher proper = PROPER_PHRASE.matcher(clause);
    while (proper.find()) {
      String phrase = proper.group();
      if (phrase.length() > 2 && !NOT_TOPICS.contains(phrase) && !speaker.contains(phrase)) {
        return phrase;
      }
    }
    List<String> words = new ArrayList<>();
    for (String word : clause.toLowerCase(Locale.ROOT).split("[^\\p{L}\\d'-]+")) {
      if (word.length() >= 4
          && !COMMON_WORDS.contains(word)
          && !word.contains("'")
          && words.size() < 2) {
        words.add(word);
      }
    }
    return words.isEmpty() ? "general" : String.join(" ", words);
  }

  private static Map<Pattern, String> firstPerson() {
    Map<Pattern, String> rules = new LinkedHashMap<>();
    rules.put(Pattern.compile("\\bI(?:'m|’m| am)\\b"), "{S} is");
    rules.put(Pattern.compile("\\bI(?:'ve|’ve| have)\\b"), "{S} has");
    rules.put(Pattern.compile("\\bI(?:'d|’d)\\b"), "{S} would");
    rules.put(Pattern.compile("\\bI(?:'ll|’ll)\\b"), "{S} will");
    rules.put(
        Pattern.compile(
            "\\bI (love|like|think|believe|know|want|feel|hope|guess|need|see|find)\\b"),
        "{S} $1s");
    rules.put(Pattern.compile("\\bI\\b"), "{S}");
    rules.put(Pattern.compile("\\b[Mm]yself\\b"), "{S}");
    rules.put(Pattern.compile("\\b[Mm]y\\b"), "{S}'s");
    rules.put(Pattern.compile("\\bme\\b"), "{S}");
    return rules;
  }

  private static Pattern compile(String regex) {
    return Pattern.compile("(?iu)\\b(?:" + regex + ")\\b");
  }
}
