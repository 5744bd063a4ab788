package dev.beliefs.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

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
  void aRunningJvmsLiveHeapAndResidentSetCanBeRead() throws Exception {
    HeapProbe probe = new HeapProbe(ProcessHandle.current().pid());

    HeapProbe.Histogram live = probe.liveHeap().orElseThrow();

    assertTrue(live.liveBytes() > 1_000_000, "live bytes " + live.liveBytes());
    assertTrue(live.top(5).contains("#bytes"), live.top(5));
    assertTrue(probe.residentKb() > 0);
    assertTrue(probe.peakResidentKb() >= probe.residentKb());
  }
}
