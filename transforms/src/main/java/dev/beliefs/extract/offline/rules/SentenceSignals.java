package dev.beliefs.extract.offline.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How strongly a sentence reads as a view its speaker holds, from the kinds of sentence that carry
 * beliefs (see {@code testdata/gold/GUIDELINES.md}): evaluations ("a remarkable accomplishment"),
 * normative claims ("you need observability"), causal claims ("because ..."), predictions ("will",
 * "going to"), abilities and possibilities ("lets you", "can"), comparisons ("better than", "the
 * most"), stance markers ("I think") and generic present-tense claims ("X is Y"). Against it count
 * what is not a belief: questions, greetings and procedure, narration of one's own doings, talk
 * about what the speaker wants to discuss, fragments. Each kind of signal counts at most twice, so
 * a long sentence does not win by length. The weights were set by reading, not fitted.
 */
public final class SentenceSignals {

  /** A sentence scoring this much or more is taken as a belief. */
  public static final double THRESHOLD = 2.5;

  private static final int MIN_WORDS = 6;
  private static final int MAX_WORDS = 45;

  private record Signal(Pattern pattern, double weight) {}

  private static final Signal[] SIGNALS = {
    new Signal(
        words(
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
            "so much"),
        1.0),
    new Signal(
        words(
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
            "the goal"),
        1.0),
    new Signal(
        words(
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
            "make it"),
        1.0),
    new Signal(
        words(
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
            "expect"),
        0.5),
    new Signal(words("can", "could", "able to", "possible"), 0.5),
    new Signal(
        words(
            "more",
            "less",
            "than",
            "most",
            "least",
            "rather than",
            "instead of",
            "compared",
            "just like"),
        0.5),
    new Signal(
        words(
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
            "frankly"),
        1.0),
    new Signal(
        words(
            "not", "no", "never", "don't", "doesn't", "isn't", "aren't", "can't", "cannot", "won't",
            "nothing", "nobody"),
        0.2),
    new Signal(
        words(
            "is",
            "are",
            "was",
            "were",
            "has been",
            "have been",
            "it's",
            "that's",
            "they're",
            "there's"),
        0.5),
    new Signal(
        words(
            "I want",
            "I wanted",
            "I'd like",
            "to be honest",
            "I'm excited to",
            "let me",
            "I'll just"),
        -1.5),
    new Signal(
        words(
            "thank you",
            "thanks",
            "welcome",
            "let's",
            "tell me",
            "talk about",
            "hello",
            "hi",
            "bye",
            "okay",
            "alright",
            "go ahead",
            "question",
            "podcast",
            "episode",
            "check out",
            "website",
            "follow us",
            "listen"),
        -1.5),
    new Signal(
        words(
            "you know",
            "you mean",
            "do you",
            "did you",
            "can you",
            "could you",
            "would you",
            "are you",
            "have you"),
        -1.0),
    new Signal(
        Pattern.compile(
            "\\b(?:I(?! (?:think|believe|feel|guess|suppose|doubt|don't think)\\b)|me|my|I'm|I've"
                + "|I'd|I'll|myself)\\b"),
        -0.3),
  };

  /** Narration of one's own doings ("I went", "we were"), not a view ("I think" is one). */
  private static final Pattern NARRATION =
      Pattern.compile(
          "(?i)^(?:(?:so|and|but|well|yeah|oh|now)\\W+)*(?:I|I've|I'm|I was|we were|we went|my)\\b"
              + "(?!,? (?:think|believe|feel|love|guess|suppose|know|doubt|wonder|don't think"
              + "|do not think|'m (?:not )?(?:sure|convinced)))");

  /** Cut off: ends in a dash, an ellipsis or a word that cannot end a sentence. */
  private static final Pattern FRAGMENT =
      Pattern.compile(
          "(?i)(?:--|—|–|\\.\\.\\.|…|\\b(?:because|and|but|or|so|the|a|to|of|that|with))\\W*$");

  /** A question, unless rhetorical ("What better vantage point than space?"). */
  private static final Pattern QUESTION = Pattern.compile("(?i)^(?!.*\\bwhat better\\b).*\\?\\s*$");

  private SentenceSignals() {}

  public static double score(String sentence) {
    double score = 0;
    for (Signal signal : SIGNALS) {
      score += signal.weight * Math.min(2, count(signal.pattern.matcher(sentence)));
    }
    score += NARRATION.matcher(sentence).find() ? -1.5 : 0;
    score += QUESTION.matcher(sentence).find() ? -5 : 0;
    score += FRAGMENT.matcher(sentence).find() ? -2 : 0;
    int words = sentence.split("\\s+").length;
    score += words < MIN_WORDS ? -3 : 0;
    score += words > MAX_WORDS ? -0.5 : 0;
    return score;
  }

  private static int count(Matcher matcher) {
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static Pattern words(String... words) {
    return Pattern.compile("(?i)\\b(?:" + String.join("|", words).replace("'", "['’]") + ")\\b");
  }
}
