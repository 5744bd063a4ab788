package dev.beliefs.merge;

import dev.beliefs.model.Belief;
import dev.beliefs.model.ContentWords;
import dev.beliefs.model.Evidence;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The mentions of one transcript that share speaker, stance and normalised statement: one wording
 * of a belief, found in one or more chunks and levels. Its anchor is what does not move when levels
 * or runs are added: its lowest level, and the earliest evidence found at that level.
 */
final class Candidate {

  /** Candidates in the order merging visits them: lowest level first, then by anchor. */
  static final Comparator<Candidate> ORDER =
      Comparator.comparingInt((Candidate c) -> c.lowestLevel)
          .thenComparingInt(c -> c.anchor.utteranceIndex())
          .thenComparing(c -> c.anchor.quote())
          .thenComparing(c -> c.key);

  final String key;
  final List<Mention> mentions;
  final String speaker;
  final String stance;
  final String statement;
  final Set<String> stems;
  final int lowestLevel;
  final Evidence anchor;

  Candidate(String key, List<Mention> mentions) {
    this.key = key;
    this.mentions = mentions.stream().sorted(Comparator.comparing(Mention::toString)).toList();
    this.lowestLevel = mentions.stream().mapToInt(Mention::level).min().orElseThrow();
    Belief first =
        this.mentions.stream()
            .filter(m -> m.level() == lowestLevel)
            .min(
                Comparator.comparingInt((Mention m) -> m.belief().evidence().utteranceIndex())
                    .thenComparing(m -> m.belief().evidence().quote()))
            .orElseThrow()
            .belief();
    this.anchor = first.evidence();
    this.speaker = first.speaker();
    this.stance = first.stance();
    this.statement = first.statement();
    this.stems = ContentWords.stems(statement);
  }

  static String key(Belief belief) {
    return belief.speaker()
        + "\n"
        + belief.stance()
        + "\n"
        + BeliefIds.normalise(belief.statement());
  }

  List<Evidence> evidence() {
    return mentions.stream().map(m -> m.belief().evidence()).distinct().toList();
  }
}
