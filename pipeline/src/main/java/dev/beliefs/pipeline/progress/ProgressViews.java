package dev.beliefs.pipeline.progress;

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
   * The view for a run with {@code options}: on a Flink session cluster the workers count in the
   * TaskManagers, out of this JVM's sight, so the run says once where to follow the job instead.
   */
  public static ProgressView forRun(PipelineOptions options, PrintStream err) {
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    boolean remote =
        FlinkRunner.class.equals(options.getRunner())
            && master != null
            && !master.startsWith("[")
            && master.contains(":");
    if (remote) {
      String url = master.startsWith("http") ? master : "http://" + master;
      return new ProgressView() {
        private boolean said;

        @Override
        public void show(ProgressStatus status) {
          if (!said) {
            err.println(
                "Running on the Flink cluster at "
                    + master
                    + ": follow the job in its web UI, "
                    + url
                    + "/#/job/running");
            said = true;
          }
        }

        @Override
        public void close() {}
      };
    }
    return forStderr(err);
  }

  public static ProgressView forStderr(PrintStream err) {
    String said = System.getenv(TERMINAL_VARIABLE);
    boolean terminal = said != null ? said.equals("1") : System.console() != null;
    return terminal ? new TerminalBar(err) : new PlainLines(err);
  }
}
