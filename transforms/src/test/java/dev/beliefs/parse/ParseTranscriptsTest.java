package dev.beliefs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.beam.ChunkBacklog;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Transcript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ParseTranscripts on the DirectRunner over files in a local directory: each readable file becomes
 * a transcript with an id relative to the input root, each bad one a parse failure naming the file.
 */
@ExtendWith(TestPipelineExtension.class)
class ParseTranscriptsTest {

  private static final long MAX_BYTES = 200;

  @TempDir Path in;

  @Test
  void readableFilesBecomeTranscripts_andEachBadFileAFailureNamingIt(TestPipeline pipeline)
      throws Exception {
    String talk = "**Kay:** I think the orbit is stable.\n**Host:** Thanks, Kay.\n";
    write("shows/kay.md", talk);
    write("empty.txt", "");
    write("huge.txt", "**Kay:** " + "word ".repeat(60) + "\n");

    ParseTranscripts.Result result =
        pipeline
            .apply(FileIO.match().filepattern(in + "/**"))
            .apply(FileIO.readMatches())
            .apply(new ParseTranscripts(in + "/", new TranscriptParser(null), MAX_BYTES));

    PAssert.that(describe(result.transcripts()))
        .containsInAnyOrder(
            "shows/kay "
                + in.resolve("shows/kay.md")
                + " "
                + sha256(talk)
                + " [0 Kay: I think the orbit is stable., 1 Host: Thanks, Kay.]");
    PAssert.that(result.failures())
        .containsInAnyOrder(
            new Failure(
                in.resolve("empty.txt").toString(),
                Failure.STAGE_PARSE,
                "empty",
                "the file is empty (0 bytes)",
                1),
            new Failure(
                in.resolve("huge.txt").toString(),
                Failure.STAGE_PARSE,
                "too_large",
                "the file has 310 bytes, more than --maxTranscriptBytes=200; split it or raise the"
                    + " limit",
                1));
    pipeline.run().waitUntilFinish();
  }

  /**
   * Paced reading gathers the files into one list, so spreading them first would only leave the
   * DirectRunner a watermark entry per key for the rest of the job; unpaced, they are spread.
   */
  @Test
  void filesAreSpreadOverTheWorkers_onlyWhenReadingIsNotPaced() {
    ParseTranscripts parse = new ParseTranscripts(in + "/", new TranscriptParser(null), MAX_BYTES);

    assertEquals(List.of("Parse/SpreadFiles"), howFilesAreLetIn(parse));
    assertEquals(
        List.of("Parse/PaceReading"), howFilesAreLetIn(parse.withBacklog(ChunkBacklog.of(10))));
  }

  private List<String> howFilesAreLetIn(ParseTranscripts parse) {
    Pipeline pipeline = Pipeline.create();
    pipeline
        .apply(FileIO.match().filepattern(in + "/**"))
        .apply(FileIO.readMatches())
        .apply("Parse", parse);
    List<String> steps = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (node.getFullName().matches("Parse/(SpreadFiles|PaceReading)")) {
              steps.add(node.getFullName());
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }
        });
    return steps;
  }

  private void write(String name, String text) throws IOException {
    Path file = in.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static PCollection<String> describe(PCollection<Transcript> transcripts) {
    return transcripts.apply(
        MapElements.into(TypeDescriptors.strings())
            .via(
                (Transcript t) ->
                    t.id()
                        + " "
                        + t.sourceUri()
                        + " "
                        + t.contentSha256()
                        + " "
                        + t.utterances().stream()
                            .map(u -> u.index() + " " + u.speaker() + ": " + u.text())
                            .toList()));
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
