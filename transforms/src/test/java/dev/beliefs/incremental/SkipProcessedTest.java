package dev.beliefs.incremental;

import static dev.beliefs.incremental.ManifestTest.SETTINGS;
import static dev.beliefs.incremental.ManifestTest.manifest;
import static dev.beliefs.incremental.ManifestTest.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.json.Json;
import dev.beliefs.model.CallStats;
import dev.beliefs.model.ChunkFailure;
import dev.beliefs.model.Failure;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SkipProcessed and WriteManifests on the DirectRunner, with manifests in a local directory. */
@ExtendWith(TestPipelineExtension.class)
class SkipProcessedTest {

  @TempDir Path out;

  @Test
  void onlyTranscriptsWithAManifestOfTheirContentAndSettings_areSkipped(TestPipeline pipeline)
      throws IOException {
    String fingerprint = SETTINGS.fingerprint();
    manifest("done", "aa", fingerprint).write(out.toString());
    Files.createDirectories(out.resolve("beliefs"));
    Files.writeString(out.resolve("beliefs/done.jsonl"), "{}\n{}\n{}\n");
    manifest("lost", "aa", fingerprint).write(out.toString());
    manifest("changed", "old", fingerprint).write(out.toString());
    manifest("resettled", "aa", "other settings").write(out.toString());
    Files.writeString(out.resolve("manifest/broken.json"), "{");
    List<Transcript> transcripts =
        List.of(
            transcript("done", "aa"),
            transcript("lost", "aa"),
            transcript("changed", "aa"),
            transcript("resettled", "aa"),
            transcript("broken", "aa"),
            transcript("new", "aa"));

    SkipProcessed.Result result =
        pipeline
            .apply(Create.of(transcripts))
            .apply(new SkipProcessed(out.toString(), fingerprint, true));

    PAssert.that(result.skipped()).containsInAnyOrder("done");
    PAssert.that(ids(result)).containsInAnyOrder("lost", "changed", "resettled", "broken", "new");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void whenNotEnabled_everythingGoesOn(TestPipeline pipeline) throws IOException {
    manifest("done", "aa", SETTINGS.fingerprint()).write(out.toString());

    SkipProcessed.Result result =
        pipeline
            .apply(Create.of(List.of(transcript("done", "aa"))))
            .apply(new SkipProcessed(out.toString(), SETTINGS.fingerprint(), false));

    PAssert.that(result.skipped()).empty();
    PAssert.that(ids(result)).containsInAnyOrder("done");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void manifestsAreWrittenForTranscriptsWhoseChunksAllSucceeded(TestPipeline pipeline)
      throws IOException {
    Files.createDirectories(out.resolve("beliefs"));
    Files.writeString(out.resolve("beliefs/short.jsonl"), "{\"stale\": true}\n");
    CallStats failed =
        new CallStats(
            "m",
            1,
            false,
            6,
            5,
            0,
            false,
            Usage.NONE,
            BigDecimal.ZERO,
            9,
            0,
            0,
            0,
            BigDecimal.ZERO,
            false,
            0,
            0,
            BigDecimal.ZERO,
            false,
            null);

    Pipeline.applyTransform(
        new WriteManifests.Inputs(
            pipeline.apply(
                "Transcripts",
                Create.of(
                    List.of(
                        transcript("whole", "a1"),
                        transcript("partial", "b2"),
                        transcript("short", "c3")))),
            pipeline.apply(
                "Written",
                Create.of(List.of(KV.of("whole", 3), KV.of("partial", 1)))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))),
            pipeline.apply(
                "Failures",
                Create.of(
                    List.of(
                        new ChunkFailure(
                            "partial",
                            new Failure("partial#L1-W0002", "extract", "http_500", "boom", 6),
                            failed))))),
        new WriteManifests(out.toString(), SETTINGS));
    pipeline.run().waitUntilFinish();

    Manifest whole = Manifest.read(out.toString(), "whole").orElseThrow();
    assertEquals("a1", whole.contentSha256());
    assertEquals(SETTINGS.fingerprint(), whole.settingsFingerprint());
    assertEquals(3, whole.beliefs());
    assertFalse(Manifest.read(out.toString(), "partial").isPresent(), "a chunk failed");
    assertEquals(0, Manifest.read(out.toString(), "short").orElseThrow().beliefs());
    assertFalse(Files.exists(out.resolve("beliefs/short.jsonl")), "no stale beliefs");
    assertTrue(Json.MAPPER.readTree(out.resolve("manifest/whole.json").toFile()).has("settings"));
  }

  private static org.apache.beam.sdk.values.PCollection<String> ids(SkipProcessed.Result result) {
    return result
        .transcripts()
        .apply(MapElements.into(TypeDescriptors.strings()).via(Transcript::id));
  }
}
