package dev.beliefs.merge;

import dev.beliefs.model.Evidence;
import dev.beliefs.model.MergedBelief;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups the mentions of one transcript into distinct beliefs. Mentions of one speaker, stance and
 * normalised statement are one {@link Candidate}. Candidates are visited lowest level first, then
 * in transcript order of their anchor; each joins the group whose canonical candidate (the group's
 * first) it is the same belief as ({@link SameBelief}), the most similar one if several, or starts
 * a group. Comparing with the canonical only, never with any member, keeps chains of small steps
 * from joining beliefs that are far apart.
 *
 * <p>The result depends only on the set of mentions. A group's canonical candidate gives the merged
 * belief its statement, stance, topic and id ({@link BeliefIds}); since lower levels are visited
 * first, adding a higher level or rerunning never changes the canonical of a belief already found,
 * so neither its id nor its statement moves.
 */
final class BeliefClusters {

  private BeliefClusters() {}

  static List<MergedBelief> merge(String transcriptId, Collection<Mention> mentions) {
    List<List<Candidate>> groups = new ArrayList<>();
    for (Candidate candidate : candidates(mentions)) {
      List<Candidate> home = null;
      double best = -1;
      for (List<Candidate> group : groups) {
        Candidate canonical = group.get(0);
        if (SameBelief.same(canonical, candidate)
            && SameBelief.similarity(canonical, candidate) > best) {
          home = group;
          best = SameBelief.similarity(canonical, candidate);
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        groups.add(home);
      }
      home.add(candidate);
    }
    return groups.stream()
        .map(group -> toBelief(transcriptId, group))
        .sorted(
            Comparator.comparingInt((MergedBelief b) -> b.evidence().get(0).utteranceIndex())
                .thenComparing(MergedBelief::beliefId))
        .toList();
  }

  private static List<Candidate> candidates(Collection<Mention> mentions) {
    Map<String, List<Mention>> byKey = new TreeMap<>();
    for (Mention mention : mentions) {
      byKey.computeIfAbsent(Candidate.key(mention.belief()), k -> new ArrayList<>()).add(mention);
    }
    return byKey.entrySet().stream()
        .map(e -> new Candidate(e.getKey(), e.getValue()))
        .sorted(Candidate.ORDER)
        .toList();
  }

  private static MergedBelief toBelief(String transcriptId, List<Candidate> group) {
    Candidate canonical = group.get(0);
    List<Mention> all =
        group.stream()
            .flatMap(c -> c.mentions.stream())
            .sorted(Comparator.comparing(Mention::toString))
            .toList();
    return new MergedBelief(
        transcriptId,
        BeliefIds.of(canonical),
        canonical.speaker,
        canonical.statement,
        canonical.stance,
        meanConfidence(all),
        canonical.mentions.get(0).belief().topic(),
        all.stream().map(Mention::level).distinct().sorted().toList(),
        distinctEvidence(all));
  }

  private static double meanConfidence(List<Mention> mentions) {
    BigDecimal sum =
        mentions.stream()
            .map(m -> BigDecimal.valueOf(m.belief().confidence()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(BigDecimal.valueOf(mentions.size()), 2, RoundingMode.HALF_EVEN).doubleValue();
  }

  /**
   * Every distinct quote, in transcript order. Where one quote of an utterance contains another,
   * the shorter, more precise one is kept.
   */
  private static List<Evidence> distinctEvidence(List<Mention> mentions) {
    TreeMap<Integer, TreeSet<String>> quotesByUtterance = new TreeMap<>();
    Map<Integer, Evidence> timesByUtterance = new TreeMap<>();
    for (Mention mention : mentions) {
      Evidence evidence = mention.belief().evidence();
      quotesByUtterance
          .computeIfAbsent(evidence.utteranceIndex(), k -> new TreeSet<>())
          .add(evidence.quote());
      timesByUtterance.putIfAbsent(evidence.utteranceIndex(), evidence);
    }
    List<Evidence> evidence = new ArrayList<>();
    quotesByUtterance.forEach(
        (index, quotes) -> {
          Evidence times = timesByUtterance.get(index);
          for (String quote : quotes) {
            boolean containsAnother =
                quotes.stream().anyMatch(other -> !other.equals(quote) && quote.contains(other));
            if (!containsAnother) {
              evidence.add(new Evidence(quote, index, times.startSeconds(), times.endSeconds()));
            }
          }
        });
    return evidence;
  }
}
