package dev.beliefs.extract.offline;

import dev.beliefs.extract.offline.rules.SentenceSignals;
import dev.beliefs.extract.offline.rules.Sentences;
import dev.beliefs.extract.offline.rules.StanceMarkers;
import dev.beliefs.extract.offline.rules.StatementText;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds beliefs with rules, in the words themselves. Every sentence of every utterance is read; one
 * that reads as a view its speaker holds ({@link SentenceSignals}: an evaluation, a prediction, a
 * recommendation, a causal or normative claim, a comparison, a denial, a stance marker such as "I
 * think") becomes a belief. Its stance and confidence come from its own markers and hedges ({@link
 * StanceMarkers}), its statement is the sentence without the opening marker, fillers and false
 * starts ({@link StatementText}), and its evidence is the whole sentence, copied verbatim.
 *
 * <p>Deterministic and free, it is far less perceptive than a language model: it judges a sentence
 * by its words, not its meaning, and cannot resolve references such as "that" or "it".
 */
public final class OfflineBeliefRules {

  private static final int MIN_QUOTE_WORDS = 6;

  /**
   * A sentence that opens by marking its speaker's stance ("I think that") counts a little more.
   */
  private static final double LEADING_MARKER_BONUS = 0.5;

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

  private OfflineBeliefRules() {}

  /** The beliefs stated in these utterances, one per speaker and statement, in order. */
  public static List<ModelBelief> find(List<Utterance> utterances) {
    Map<String, ModelBelief> found = new LinkedHashMap<>();
    for (Utterance utterance : utterances) {
      for (String sentence : Sentences.of(utterance.text())) {
        ModelBelief belief = fromSentence(utterance, sentence);
        if (belief != null) {
          found.putIfAbsent(
              belief.speaker() + "\n" + belief.statement().toLowerCase(Locale.ROOT), belief);
        }
      }
    }
    return List.copyOf(found.values());
  }

  private static ModelBelief fromSentence(Utterance utterance, String sentence) {
    if (sentence.split("\\s+").length < MIN_QUOTE_WORDS) {
      return null;
    }
    StanceMarkers.Reading reading = StanceMarkers.read(sentence);
    double score =
        SentenceSignals.score(sentence) + (reading.markerEnd() > 0 ? LEADING_MARKER_BONUS : 0);
    if (score < SentenceSignals.THRESHOLD) {
      return null;
    }
    String statement = StatementText.of(sentence, reading.markerEnd());
    if (statement.split("\\s+").length < MIN_QUOTE_WORDS - 2) {
      return null;
    }
    return new ModelBelief(
        utterance.speaker(),
        statement,
        reading.stance(),
        reading.confidence(),
        topic(
            Character.toLowerCase(statement.charAt(0)) + statement.substring(1),
            utterance.speaker()),
        sentence,
        utterance.index());
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
}
