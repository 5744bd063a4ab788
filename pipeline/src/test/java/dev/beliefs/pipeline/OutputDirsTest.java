package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirsTest {

  @TempDir Path output;

  @Test
  void theCacheLedgerAndBatchesAreFoldersOfTheOutput_unlessTheCacheIsPlacedElsewhere() {
    BeliefOptions options = options();

    assertEquals(output.resolve("cache") + "/", OutputDirs.cacheDir(options));
    assertEquals(output.resolve("ledger") + "/", OutputDirs.ledgerDir(options));
    assertEquals(output.resolve("batches") + "/", OutputDirs.batchesDir(options));
    assertEquals("/elsewhere/cache", OutputDirs.cacheDir(options("--cacheDir=/elsewhere/cache")));
  }

  private BeliefOptions options(String... args) {
    BeliefOptions options = TestOptions.parse(args);
    options.setOutput(output.toString());
    return options;
  }
}
