package dev.beliefs.pipeline.progress;

import dev.beliefs.progress.ChunkTally;
import java.io.PrintStream;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;

/** The view that suits stderr: a bar when it is a terminal, plain lines otherwise. */
public final class ProgressViews {

  /**
   * Set by the {@code ./beliefs} launcher, which can ask the shell whether stderr is a terminal
   * ({@code [ -t 2 ]}); Java alone can only ask about stdin and stdout together.
   */
  static final String TERMINAL_VARIABLE = "BELIEFS_STDERR_TERMINAL";

  private ProgressViews() {}

  /**
   * Shows the progress of a run with {@code options} on {@code err} until closed: the workers'
   * {@code tally} where they share this JVM; on a Flink session cluster, where they do not, the
   * chunk counts of the cluster's REST API, after one line naming the web UI for the rest.
   */
  public static Progress start(PipelineOptions options, ChunkTally tally, PrintStream err) {
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    boolean remote =
        FlinkRunner.class.equals(options.getRunner())
            && master != null
            && !master.startsWith("[")
            && master.contains(":");
    if (!remote) {
      return Progress.start(tally::snapshot, forStderr(err));
    }
    String url = master.startsWith("http") ? master : "http://" + master;
    err.println(
        "Running on the Flink cluster at "
            + master
            + ": chunks from its REST API below; calls, tokens and cost when the job ends, and"
            + " more in its web UI, "
            + url
            + "/#/job/running");
    return Progress.startFromChunkCounts(
        FlinkJobProgress.of(master, options.getJobName()), forStderr(err));
  }

  public static ProgressView forStderr(PrintStream err) {
    String said = System.getenv(TERMINAL_VARIABLE);
    boolean terminal = said != null ? said.equals("1") : System.console() != null;
    return terminal ? new TerminalBar(err) : new PlainLines(err);
  }
}
