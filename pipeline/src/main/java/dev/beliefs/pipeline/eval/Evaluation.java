package dev.beliefs.pipeline.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a finished run against reference beliefs, transcript by transcript ({@link
 * BeliefMatcher}), and adds the counts up into the total (micro-averaged: the total's ratios are of
 * the summed counts). Every gold transcript gets a row, with no predictions if the run has none for
 * it; run transcripts without references are not scored. Problems (a transcript that cannot be
 * read, a reference quote not in it) are reported and the scoring goes on.
 */
final class Evaluation {

  /** {@code Name (Role):} at the start of a line, with or without markdown emphasis. */
  private static final Pattern ROLE_LABEL =
      Pattern.compile("(?m)^[*_\\s]*([\\p{L}][^:\\n()*]{0,60}\\([^()\\n]{1,40}\\))[*_\\s]*:");

  private Evaluation() {}

  /**
   * @param transcripts where each gold transcript's text is, by gold transcript id; those missing
   *     are looked up in the run's manifests
   */
  static EvalReport score(
      String goldDir,
      SortedMap<String, List<Reference>> gold,
      RunBeliefs run,
      Map<String, String> transcripts,
      Consumer<String> problems,
      Consumer<String> notInRun)
      throws IOException {
    List<EvalRow> rows = new ArrayList<>();
    Tally total = Tally.ZERO;
    for (Map.Entry<String, List<Reference>> entry : gold.entrySet()) {
      String goldId = entry.getKey();
      List<Reference> references = entry.getValue();
      String runId = run.runIdFor(goldId);
      List<Prediction> predictions = run.predictions(runId);
      String source = transcripts.getOrDefault(goldId, run.source(runId));
      if (predictions.isEmpty() && source == null) {
        notInRun.accept(goldId);
        continue;
      }
      String text = "";
      if (source == null) {
        problems.accept(goldId + ": transcript not found; name it with --input");
      } else {
        text = EvalFiles.read(source);
      }
      NormalisedText normalised = NormalisedText.of(text);
      for (Reference reference : references) {
        if (!text.isEmpty() && normalised.spansOf(reference.quote()).isEmpty()) {
          problems.accept(goldId + " line " + reference.line() + ": quote not found in " + source);
        }
      }
      Tally tally =
          Tally.of(
              predictions,
              references,
              BeliefMatcher.match(
                  normalised, aliases(text, predictions, references), predictions, references));
      rows.add(EvalRow.of(goldId, tally));
      total = total.plus(tally);
    }
    return new EvalReport(goldDir, rows, EvalRow.of("total", total));
  }

  static SpeakerAliases aliases(
      String transcript, List<Prediction> predictions, List<Reference> references) {
    List<String> labels = new ArrayList<>();
    Matcher label = ROLE_LABEL.matcher(transcript);
    while (label.find()) {
      labels.add(label.group(1));
    }
    references.forEach(r -> labels.add(r.speaker()));
    predictions.forEach(p -> labels.add(p.speaker()));
    return new SpeakerAliases(labels);
  }
}
