package dev.beliefs.extract.grounding;

import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Belief;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps only beliefs whose evidence is really in the transcript and can show them: the cited
 * utterance must be in the chunk, spoken by the belief's speaker, and contain the quote, ignoring
 * case, whitespace and the difference between typographic and plain quotes and dashes; the quote
 * must be long enough and share content words with the statement ({@link StatementSupport}).
 * Failing beliefs are counted as ungrounded. A belief that cites an utterance addressing an AI
 * system with instructions ({@link InstructionsToAi}) is dropped and counted apart. A kept belief's
 * quote is replaced by the exact words of the transcript, and its evidence gets the utterance's
 * times.
 */
public final class Grounding {

  private Grounding() {}

  /**
   * The grounded beliefs and how many were dropped.
   *
   * @param dropped beliefs whose evidence is not in the cited utterance or cannot show them
   * @param injectionDropped beliefs citing an utterance that gives an AI system instructions
   */
  public record Outcome(List<Belief> kept, int dropped, int injectionDropped) {}

  public static Outcome ground(Chunk chunk, List<ModelBelief> beliefs) {
    List<Belief> kept = new ArrayList<>();
    int injection = 0;
    for (ModelBelief belief : beliefs) {
      Optional<Utterance> cited =
          chunk.utterances().stream().filter(u -> u.index() == belief.utteranceIndex()).findFirst();
      if (cited.isPresent() && InstructionsToAi.flagged(cited.get().text())) {
        injection++;
      } else {
        cited.flatMap(utterance -> ground(utterance, belief)).ifPresent(kept::add);
      }
    }
    return new Outcome(kept, beliefs.size() - kept.size() - injection, injection);
  }

  private static Optional<Belief> ground(Utterance utterance, ModelBelief belief) {
    if (!sameSpeaker(utterance.speaker(), belief.speaker()) || belief.statement().isBlank()) {
      return Optional.empty();
    }
    return verbatim(utterance.text(), belief.evidenceQuote())
        .filter(quote -> StatementSupport.quoteLongEnough(quote, utterance.text()))
        .filter(quote -> StatementSupport.supports(quote, belief.statement()))
        .map(
            quote ->
                new Belief(
                    utterance.speaker(),
                    belief.statement().strip(),
                    belief.stance(),
                    Math.round(Math.max(0, Math.min(1, belief.confidence())) * 100) / 100.0,
                    belief.topic().strip(),
                    new Evidence(
                        quote,
                        utterance.index(),
                        utterance.startSeconds(),
                        utterance.endSeconds())));
  }

  private static boolean sameSpeaker(String transcriptSpeaker, String claimed) {
    return Folded.of(transcriptSpeaker).text.equals(Folded.of(claimed).text);
  }

  /** The span of {@code text} that matches {@code quote} once both are folded, if any. */
  static Optional<String> verbatim(String text, String quote) {
    Folded needle = Folded.of(quote);
    if (needle.text.isEmpty()) {
      return Optional.empty();
    }
    Folded haystack = Folded.of(text);
    int at = haystack.text.indexOf(needle.text);
    if (at < 0) {
      return Optional.empty();
    }
    int from = haystack.origin[at];
    int to = haystack.origin[at + needle.text.length() - 1] + 1;
    return Optional.of(text.substring(from, to));
  }

  /**
   * Text in lower case, with runs of whitespace as one space, typographic quotes and dashes as
   * plain ones, and the position in the original text of every folded character.
   */
  private record Folded(String text, int[] origin) {

    static Folded of(String original) {
      StringBuilder folded = new StringBuilder(original.length());
      int[] origin = new int[original.length()];
      boolean pendingSpace = false;
      for (int i = 0; i < original.length(); i++) {
        char c = original.charAt(i);
        if (Character.isWhitespace(c)) {
          pendingSpace = folded.length() > 0;
          continue;
        }
        if (pendingSpace) {
          origin[folded.length()] = i - 1;
          folded.append(' ');
          pendingSpace = false;
        }
        origin[folded.length()] = i;
        folded.append(plain(c));
      }
      return new Folded(folded.toString(), origin);
    }

    private static char plain(char c) {
      return switch (c) {
        case '‘', '’', '‛', '′' -> '\'';
        case '“', '”', '„', '″' -> '"';
        case '–', '—', '‒', '−' -> '-';
        default -> Character.toLowerCase(c);
      };
    }
  }
}
