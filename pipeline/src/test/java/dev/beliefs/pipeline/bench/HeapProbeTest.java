package dev.beliefs.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapProbeTest {

  @Test
  void theLiveHeapIsTheHistogramsTotal() {
    List<String> histogram =
        List.of(
            "12345:",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:         20512        1849744  [B (java.base@17.0.15)",
            "   2:         19880         477120  java.lang.String (java.base@17.0.15)",
            "Total        112233       45678901");

    assertEquals(OptionalLong.of(45_678_901), HeapProbe.totalBytes(histogram));
    assertEquals(OptionalLong.empty(), HeapProbe.totalBytes(List.of("12345:", "no such")));
  }

  @Test
  void theCollectionsTheJvmSkippedAreCountedFromItsOutput(@TempDir Path temp) throws Exception {
    Path output = temp.resolve("run.log");
    assertEquals(0, HeapProbe.skippedCollections(output));
    Files.writeString(
        output,
        "chunks 0/0\n"
            + "[28.229s][warning][gc] GC locker is held; pre-dump GC was skipped\n"
            + "chunks 903/1,167\n"
            + "[294.683s][warning][gc] GC locker is held; pre-dump GC was skipped\n");
    assertEquals(2, HeapProbe.skippedCollections(output));
  }

  @Test
  void aRunningJvmsLiveHeapAndResidentSetCanBeRead(@TempDir Path temp) throws Exception {
    HeapProbe probe = new HeapProbe(ProcessHandle.current().pid(), temp.resolve("none.log"));

    HeapProbe.Histogram live = probe.liveHeap().orElseThrow();

    assertTrue(live.liveBytes() > 1_000_000, "live bytes " + live.liveBytes());
    assertTrue(live.top(5).contains("#bytes"), live.top(5));
    assertTrue(probe.residentKb() > 0);
    assertTrue(probe.peakResidentKb() >= probe.residentKb());
  }
}
