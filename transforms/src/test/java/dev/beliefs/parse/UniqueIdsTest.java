package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.junit.jupiter.api.Test;

class UniqueIdsTest {

  @Test
  void filesSharingAnId_theFirstExtensionOfThePreferenceIsRead_theOtherFails() {
    UniqueIds.Selection selection =
        UniqueIds.select(
            "/in/",
            files("/in/a.txt", "/in/a.md", "/in/ep.srt", "/in/ep.vtt", "/in/2021/a.txt", "/in/b"));

    assertEquals(
        List.of("/in/2021/a.txt", "/in/a.md", "/in/b", "/in/ep.vtt"), sources(selection.files()));
    assertEquals(
        List.of("/in/a.txt", "/in/ep.srt"),
        selection.duplicates().stream().map(Failure::source).sorted().toList());
    Failure duplicate =
        selection.duplicates().stream()
            .filter(failure -> failure.source().equals("/in/ep.srt"))
            .findFirst()
            .orElseThrow();
    assertEquals("duplicate_id", duplicate.reason());
    assertEquals(Failure.STAGE_PARSE, duplicate.stage());
    assertTrue(duplicate.detail().contains("'ep'"), duplicate.detail());
    assertTrue(duplicate.detail().contains("/in/ep.vtt"), duplicate.detail());
  }

  @Test
  void theChoiceDoesNotDependOnTheOrderFilesAreListedIn() {
    List<MatchResult.Metadata> files =
        new ArrayList<>(files("/in/x.json", "/in/x.txt", "/in/x.html", "/in/x.srt", "/in/x.odd"));
    UniqueIds.Selection first = UniqueIds.select("/in/", files);

    for (int seed = 0; seed < 5; seed++) {
      Collections.shuffle(files, new Random(seed));
      UniqueIds.Selection again = UniqueIds.select("/in/", files);

      assertEquals(sources(first.files()), sources(again.files()));
      assertEquals(first.duplicates(), again.duplicates());
    }
    assertEquals(List.of("/in/x.json"), sources(first.files()));
  }

  @Test
  void aFileAloneKeepsItsIdWhateverItsExtension() {
    UniqueIds.Selection selection = UniqueIds.select("/in/", files("/in/a.txt", "/in/b.md"));

    assertEquals(List.of("/in/a.txt", "/in/b.md"), sources(selection.files()));
    assertTrue(selection.duplicates().isEmpty());
  }

  private static List<MatchResult.Metadata> files(String... paths) {
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (String path : paths) {
      files.add(
          MatchResult.Metadata.builder()
              .setResourceId(FileSystems.matchNewResource(path, false))
              .setSizeBytes(1)
              .setIsReadSeekEfficient(true)
              .setLastModifiedMillis(0)
              .build());
    }
    return files;
  }

  private static List<String> sources(List<MatchResult.Metadata> files) {
    return files.stream().map(file -> file.resourceId().toString()).toList();
  }
}
