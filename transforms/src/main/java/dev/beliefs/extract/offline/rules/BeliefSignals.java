package dev.beliefs.extract.offline.rules;

import java.util.List;

/**
 * Words of the kinds of sentence that carry beliefs (see {@code testdata/gold/GUIDELINES.md}), each
 * with the weight it adds to a sentence's score.
 */
final class BeliefSignals {

  /** An evaluation: "a remarkable accomplishment", "too expensive". */
  static final Signal EVALUATION =
      Signal.words(
          1.0,
          "amazing",
          "great",
          "greatest",
          "powerful",
          "important",
          "importance",
          "profound",
          "fantastic",
          "remarkable",
          "elegant\\w*",
          "practical",
          "complicated",
          "complex",
          "useful",
          "valuable",
          "value",
          "cool",
          "best",
          "better",
          "worse",
          "worst",
          "simple",
          "simplicity",
          "hard",
          "difficult",
          "easy",
          "easier",
          "interesting",
          "incredible",
          "beautiful",
          "beauty",
          "limitless",
          "inevitable",
          "perfect",
          "wonderful",
          "exciting",
          "fascinating",
          "unique",
          "critical",
          "essential",
          "key",
          "huge",
          "problems?",
          "mistakes?",
          "wrong",
          "right",
          "true",
          "false",
          "incorrect",
          "merit",
          "strengths?",
          "weakness(?:es)?",
          "advantages?",
          "benefits?",
          "innovators?",
          "favou?rite",
          "love",
          "hate",
          "fun",
          "helpful",
          "harmful",
          "dangerous",
          "safe",
          "risky",
          "efficient",
          "expensive",
          "cheap",
          "free",
          "no cost",
          "awesome",
          "terrible",
          "bad",
          "good",
          "nice",
          "accomplished",
          "worth",
          "truly",
          "really",
          "definitely",
          "absolutely",
          "clearly",
          "obviously",
          "certainly",
          "pretty",
          "very",
          "so much");

  /** A normative claim: "you need observability", "we should". */
  static final Signal NORMATIVE =
      Signal.words(
          1.0,
          "should",
          "shouldn't",
          "must",
          "need to",
          "needs to",
          "have to",
          "has to",
          "ought to",
          "got to",
          "it's important",
          "we need",
          "you need",
          "the key is",
          "the point is",
          "the goal");

  /** A causal claim: "because", "that's why", "lets". */
  static final Signal CAUSAL =
      Signal.words(
          1.0,
          "because",
          "so that",
          "that's why",
          "which is why",
          "the reason",
          "reasons",
          "due to",
          "leads? to",
          "leading to",
          "allows?",
          "enables?",
          "lets",
          "means that",
          "as a result",
          "since",
          "therefore",
          "thanks to",
          "makes it",
          "make it");

  /** A prediction: "will", "going to". */
  static final Signal PREDICTION =
      Signal.words(
          0.5,
          "will",
          "won't",
          "going to",
          "gonna",
          "'ll",
          "future",
          "eventually",
          "someday",
          "soon",
          "next",
          "predict",
          "expect");

  /** An ability or possibility: "can", "able to". */
  static final Signal POSSIBILITY = Signal.words(0.5, "can", "could", "able to", "possible");

  /** A comparison: "better than", "the most". */
  static final Signal COMPARISON =
      Signal.words(
          0.5,
          "more",
          "less",
          "than",
          "most",
          "least",
          "rather than",
          "instead of",
          "compared",
          "just like");

  /** A stance marker: "I think", "in my opinion". */
  static final Signal STANCE =
      Signal.words(
          1.0,
          "I think",
          "I believe",
          "I feel",
          "in my opinion",
          "I'm convinced",
          "I'm sure",
          "I guess",
          "I suppose",
          "I'd say",
          "I know",
          "I love",
          "I like",
          "my favou?rite",
          "I'm not sure",
          "I don't think",
          "I doubt",
          "to me",
          "honestly",
          "frankly");

  /** A negation, which often denies a view. */
  static final Signal NEGATION =
      Signal.words(
          0.2, "not", "no", "never", "don't", "doesn't", "isn't", "aren't", "can't", "cannot",
          "won't", "nothing", "nobody");

  /** A generic present-tense claim: "X is Y". */
  static final Signal GENERIC_CLAIM =
      Signal.words(
          0.5,
          "is",
          "are",
          "was",
          "were",
          "has been",
          "have been",
          "it's",
          "that's",
          "they're",
          "there's");

  /** In the order the score adds them up. */
  static final List<Signal> ALL =
      List.of(
          EVALUATION,
          NORMATIVE,
          CAUSAL,
          PREDICTION,
          POSSIBILITY,
          COMPARISON,
          STANCE,
          NEGATION,
          GENERIC_CLAIM);

  private BeliefSignals() {}
}
