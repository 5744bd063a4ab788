package dev.beliefs.pipeline.progress;

import java.io.PrintStream;

/** The view that suits stderr: a bar when it is a terminal, plain lines otherwise. */
public final class ProgressViews {

  /**
   * Set by the {@code ./beliefs} launcher, which can ask the shell whether stderr is a terminal
   * ({@code [ -t 2 ]}); Java alone can only ask about stdin and stdout together.
   */
  static final String TERMINAL_VARIABLE = "BELIEFS_STDERR_TERMINAL";

  private ProgressViews() {}

  public static ProgressView forStderr(PrintStream err) {
    String said = System.getenv(TERMINAL_VARIABLE);
    boolean terminal = said != null ? said.equals("1") : System.console() != null;
    return terminal ? new TerminalBar(err) : new PlainLines(err);
  }
}
