package dev.beliefs.pipeline;

import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;

/** The folders of the output directory that outlive a run, and the response cache's folder. */
final class OutputDirs {

  private OutputDirs() {}

  /** {@code --cacheDir}, by default {@code DIR/cache}. */
  static String cacheDir(BeliefOptions options) {
    if (options.getCacheDir() != null) {
      return options.getCacheDir();
    }
    return underOutput(options, "cache");
  }

  /** Where each share's spending is recorded, for restarted attempts: {@code DIR/ledger}. */
  static String ledgerDir(BeliefOptions options) {
    return underOutput(options, "ledger");
  }

  /** Where the Batch API's batches are recorded, for a rerun to resume: {@code DIR/batches}. */
  static String batchesDir(BeliefOptions options) {
    return underOutput(options, "batches");
  }

  private static String underOutput(BeliefOptions options, String folder) {
    return FileSystems.matchNewResource(options.getOutput(), true)
        .resolve(folder, StandardResolveOptions.RESOLVE_DIRECTORY)
        .toString();
  }
}
