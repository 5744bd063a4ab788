package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TranscriptIdsTest {

  @Test
  void rootIsTheDirectoryBeforeTheFirstWildcard() {
    assertEquals("samples/", TranscriptIds.rootOf("samples/*.txt"));
    assertEquals("s3://bucket/transcripts/", TranscriptIds.rootOf("s3://bucket/transcripts/**"));
    assertEquals("/data/", TranscriptIds.rootOf("/data/ep-1.txt"));
    assertEquals("", TranscriptIds.rootOf("*.txt"));
  }

  @Test
  void idIsTheRelativePathWithoutExtension() {
    assertEquals("ep1", TranscriptIds.idFor("/data/", "/data/ep1.txt"));
    assertEquals("2021/ep1.v2", TranscriptIds.idFor("/data/", "/data/2021/ep1.v2.json"));
    assertEquals("noext", TranscriptIds.idFor("/data/", "/data/noext"));
    assertEquals("ep1", TranscriptIds.idFor("/elsewhere/", "/data/ep1.md"));
  }
}
