package dev.beliefs.pipeline;

/** The process exit codes of every command (DESIGN.md, a contract). */
public final class ExitCode {

  /** Everything done. */
  public static final int OK = 0;

  /** An unexpected crash. */
  public static final int CRASH = 1;

  /** Bad arguments or configuration; nothing was run. */
  public static final int BAD_CONFIGURATION = 2;

  /** Finished, but some transcripts or chunks failed: see failures/. */
  public static final int SOME_FAILED = 3;

  private ExitCode() {}
}
