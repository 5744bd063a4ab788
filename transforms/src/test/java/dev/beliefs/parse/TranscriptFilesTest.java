package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptFilesTest {

  @TempDir Path temp;

  @Test
  void aSymbolicLinkLoopUnderDoubleStar_isWalkedOnce_andEachFileMatchedOnce() throws Exception {
    Path in = Files.createDirectories(temp.resolve("in/season/1"));
    Files.writeString(temp.resolve("in/a.txt"), "Ann: Hi.");
    Files.writeString(in.resolve("ep.vtt"), "WEBVTT\n");
    Files.createSymbolicLink(in.resolve("back-to-top"), temp.resolve("in"));
    Files.createSymbolicLink(temp.resolve("in/self"), temp.resolve("in"));

    List<String> matched = paths(TranscriptFiles.match(temp + "/in/**"));

    assertEquals(List.of(temp + "/in/a.txt", temp + "/in/season/1/ep.vtt"), matched);
  }

  @Test
  void aLinkedFile_isMatchedOnce_underThePathThatSortsFirst() throws Exception {
    Files.createDirectories(temp.resolve("in/b"));
    Files.writeString(temp.resolve("in/b/ep.txt"), "Ann: Hi.");
    Files.createSymbolicLink(temp.resolve("in/a"), temp.resolve("in/b"));

    assertEquals(List.of(temp + "/in/a/ep.txt"), paths(TranscriptFiles.match(temp + "/in/**")));
  }

  @Test
  void singleStar_matchesOneDirectoryOnly_andAPlainPathItself() throws Exception {
    Files.createDirectories(temp.resolve("in/deeper"));
    Files.writeString(temp.resolve("in/a.txt"), "Ann: Hi.");
    Files.writeString(temp.resolve("in/deeper/b.txt"), "Ann: Hi.");

    assertEquals(List.of(temp + "/in/a.txt"), paths(TranscriptFiles.match(temp + "/in/*.txt")));
    assertEquals(
        List.of(temp + "/in/deeper/b.txt"),
        paths(TranscriptFiles.match(temp + "/in/deeper/b.txt")));
    assertEquals(List.of(), paths(TranscriptFiles.match(temp + "/in/*.srt")));
    assertEquals(List.of(), paths(TranscriptFiles.match(temp + "/nowhere/*.srt")));
  }

  private static List<String> paths(List<MatchResult.Metadata> files) {
    return files.stream().map(file -> file.resourceId().toString()).toList();
  }
}
