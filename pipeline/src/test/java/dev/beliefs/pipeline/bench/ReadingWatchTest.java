package dev.beliefs.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingWatchTest {

  @TempDir Path dir;

  @Test
  void allReadOnlyOnceEveryFileHasBeenRead() throws Exception {
    Path first = Files.writeString(dir.resolve("a.json"), "{}");
    Path second = Files.writeString(dir.resolve("b.json"), "{}");
    assumeTrue(accessTimesMove(), "this file system does not record reads (noatime)");
    ReadingWatch watch = ReadingWatch.of(dir);

    boolean beforeAny = watch.allRead();
    Files.readAllBytes(first);
    boolean afterOne = watch.allRead();
    Files.readAllBytes(second);

    assertFalse(beforeAny);
    assertFalse(afterOne);
    assertTrue(watch.allRead());
  }

  private boolean accessTimesMove() throws Exception {
    Path probe = Files.writeString(dir.resolve("probe"), "x");
    ReadingWatch watch = ReadingWatch.of(dir);
    Files.readAllBytes(probe);
    Files.readAllBytes(dir.resolve("a.json"));
    Files.readAllBytes(dir.resolve("b.json"));
    boolean moved = watch.allRead();
    Files.delete(probe);
    return moved;
  }
}
