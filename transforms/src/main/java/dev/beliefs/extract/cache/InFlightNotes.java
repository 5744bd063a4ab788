package dev.beliefs.extract.cache;

import dev.beliefs.extract.LostRequests;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A note per request in flight, {@code <directory>/<key>.json}, written before each attempt is sent
 * and removed once the chunk is settled, answered or not. A worker that dies (a TaskManager killed)
 * leaves its notes behind; the runner's next attempt at the same chunk in the same run finds its
 * note ({@link #unanswered}) and counts that request as lost: the API may have answered and billed
 * it, but nobody will ever see the answer. Through Beam's {@link FileSystems}, so that every worker
 * of a cluster shares the notes, as it shares the response cache they sit in.
 *
 * <p>The note is per request, not per chunk: of two identical requests in flight in two JVMs at
 * once, only the last noted is counted should both be lost.
 */
public final class InFlightNotes implements Serializable {

  private static final Logger LOG = LoggerFactory.getLogger(InFlightNotes.class);

  private final String directory;
  private final @Nullable String run;

  /**
   * @param run the run's Beam job name; without one nothing is noted
   */
  public InFlightNotes(String directory, @Nullable String run) {
    this.directory = directory;
    this.run = run;
  }

  /**
   * What a chunk's attempts have sent so far, the last of them in flight.
   *
   * @param run the Beam job name of the run
   * @param chunk the chunk asking
   * @param billed the usage of the answers that came back
   * @param requests requests sent, the one in flight included
   * @param rateLimited requests answered 429
   * @param lostBefore requests whose answers were lost before the one in flight
   * @param promptTokens the prompt of the request in flight, and
   * @param maxTokens its {@code max_tokens}: together they bound what it may be billed
   */
  public record Asking(
      String run,
      String chunk,
      Usage billed,
      int requests,
      int rateLimited,
      LostRequests lostBefore,
      long promptTokens,
      long maxTokens) {}

  /** The note of an attempt at {@code chunkId} about to send its {@code requests}-th request. */
  public @Nullable Asking note(
      String chunkId,
      Usage billed,
      int requests,
      int rateLimited,
      LostRequests lostBefore,
      long promptTokens,
      long maxTokens) {
    return run == null
        ? null
        : new Asking(
            run, chunkId, billed, requests, rateLimited, lostBefore, promptTokens, maxTokens);
  }

  /** Notes that {@code asking} is in flight, replacing an earlier note of the request. */
  public void asking(String key, @Nullable Asking asking) {
    if (asking == null) {
      return;
    }
    ResourceId note = note(key);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(note, MimeTypes.TEXT))) {
      out.write(Json.line(asking).getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "in-flight notes: cannot write {}; were it lost, it would go uncounted: {}", note, e);
    }
  }

  /** The request of {@code key} is settled, answered or not: its note goes. */
  public void settled(String key) {
    if (run == null) {
      return;
    }
    try {
      FileSystems.delete(List.of(note(key)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      LOG.warn("in-flight notes: cannot remove the note of {}: {}", key, e);
    }
  }

  /**
   * An earlier attempt of this run at {@code chunkId} that sent the request of {@code key} and
   * never settled it: the worker it ran on was lost with the request in flight.
   */
  public Optional<Asking> unanswered(String key, String chunkId) {
    if (run == null) {
      return Optional.empty();
    }
    ResourceId note = note(key);
    try {
      MatchResult match =
          FileSystems.match(List.of(note.toString()), EmptyMatchTreatment.ALLOW).get(0);
      if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
        return Optional.empty();
      }
      Asking asking;
      try (InputStream in = Channels.newInputStream(FileSystems.open(note))) {
        asking = Json.MAPPER.readValue(in, Asking.class);
      }
      return run.equals(asking.run()) && chunkId.equals(asking.chunk())
          ? Optional.of(asking)
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("in-flight notes: ignoring the unreadable {}: {}", note, e);
      return Optional.empty();
    }
  }

  private ResourceId note(String key) {
    return OutputFiles.resolve(directory, key + ".json");
  }
}
