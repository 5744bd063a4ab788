package dev.beliefs.merge;

import dev.beliefs.model.Belief;
import dev.beliefs.model.Evidence;
import dev.beliefs.model.MergedBelief;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Groups the mentions of one transcript into distinct beliefs. Two candidates (mentions with the
 * same speaker and normalised statement) are the same belief when they share speaker and stance and
 * either their statements share at least {@value #SAME_WORDING} of their words, or they cite
 * overlapping words of the same utterance and share at least {@value #SAME_EVIDENCE_WORDING} of
 * their words. Groups are the connected components of that relation, so the result depends only on
 * the set of mentions, never on the order they arrived in.
 */
final class BeliefClusters {

  static final double SAME_WORDING = 0.6;
  static final double SAME_EVIDENCE_WORDING = 0.25;

  private BeliefClusters() {}

  static List<MergedBelief> merge(String transcriptId, Collection<Mention> mentions) {
    List<Candidate> candidates = candidates(mentions);
    int[] parent = new int[candidates.size()];
    Arrays.setAll(parent, i -> i);
    for (int i = 0; i < candidates.size(); i++) {
      for (int j = i + 1; j < candidates.size(); j++) {
        if (candidates.get(i).sameBeliefAs(candidates.get(j))) {
          parent[root(parent, i)] = root(parent, j);
        }
      }
    }
    Map<Integer, List<Candidate>> groups = new TreeMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(candidates.get(i));
    }
    return groups.values().stream()
        .map(group -> toBelief(transcriptId, group))
        .sorted(
            Comparator.comparingInt((MergedBelief b) -> b.evidence().get(0).utteranceIndex())
                .thenComparing(MergedBelief::beliefId))
        .toList();
  }

  private static List<Candidate> candidates(Collection<Mention> mentions) {
    Map<String, List<Mention>> byId = new TreeMap<>();
    for (Mention mention : mentions) {
      Belief belief = mention.belief();
      byId.computeIfAbsent(
              BeliefIds.of(belief.speaker(), belief.statement()), k -> new ArrayList<>())
          .add(mention);
    }
    return byId.entrySet().stream().map(e -> new Candidate(e.getKey(), e.getValue())).toList();
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static MergedBelief toBelief(String transcriptId, List<Candidate> group) {
    Candidate representative =
        group.stream()
            .min(
                Comparator.comparingInt((Candidate c) -> -c.mentions.size())
                    .thenComparing(c -> c.id))
            .orElseThrow();
    List<Mention> all =
        group.stream()
            .flatMap(c -> c.mentions.stream())
            .sorted(Comparator.comparing(Mention::toString))
            .toList();
    Belief first = representative.mentions.get(0).belief();
    return new MergedBelief(
        transcriptId,
        representative.id,
        first.speaker(),
        first.statement(),
        majorityStance(all, first.stance()),
        meanConfidence(all),
        first.topic(),
        all.stream().map(Mention::level).distinct().sorted().toList(),
        distinctEvidence(all));
  }

  private static String majorityStance(List<Mention> mentions, String tieBreak) {
    Map<String, Long> counts =
        mentions.stream()
            .collect(
                Collectors.groupingBy(
                    m -> m.belief().stance(), TreeMap::new, Collectors.counting()));
    long best = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    List<String> leaders =
        counts.entrySet().stream()
            .filter(e -> e.getValue() == best)
            .map(Map.Entry::getKey)
            .toList();
    return leaders.contains(tieBreak) ? tieBreak : leaders.get(0);
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

  private static final class Candidate {
    final String id;
    final List<Mention> mentions;
    final String speaker;
    final String stance;
    final Set<String> words;

    Candidate(String id, List<Mention> mentions) {
      this.id = id;
      this.mentions = mentions.stream().sorted(Comparator.comparing(Mention::toString)).toList();
      Belief belief = this.mentions.get(0).belief();
      this.speaker = belief.speaker();
      this.stance = belief.stance();
      this.words = new HashSet<>(List.of(BeliefIds.normalise(belief.statement()).split(" ")));
    }

    boolean sameBeliefAs(Candidate other) {
      if (!speaker.equals(other.speaker) || !stance.equals(other.stance)) {
        return false;
      }
      double overlap = jaccard(words, other.words);
      return overlap >= SAME_WORDING || (overlap >= SAME_EVIDENCE_WORDING && sharesEvidence(other));
    }

    private boolean sharesEvidence(Candidate other) {
      for (Mention mine : mentions) {
        for (Mention theirs : other.mentions) {
          Evidence a = mine.belief().evidence();
          Evidence b = theirs.belief().evidence();
          if (a.utteranceIndex() == b.utteranceIndex()
              && (a.quote().contains(b.quote()) || b.quote().contains(a.quote()))) {
            return true;
          }
        }
      }
      return false;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
      Set<String> union = new HashSet<>(a);
      union.addAll(b);
      long shared = a.stream().filter(b::contains).count();
      return union.isEmpty() ? 0 : (double) shared / union.size();
    }
  }
}
