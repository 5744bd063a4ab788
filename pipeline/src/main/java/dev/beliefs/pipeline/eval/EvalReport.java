package dev.beliefs.pipeline.eval;

import java.util.List;

/** {@code RUN_DIR/eval.json}: the gold directory used, a row per transcript, and the total. */
record EvalReport(String gold, List<EvalRow> transcripts, EvalRow total) {

  EvalReport {
    transcripts = List.copyOf(transcripts);
  }
}
