package dev.beliefs.extract.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.MalformedAnswerException;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.json.Json;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Successful model answers, content-addressed by the request that asked for them and stored through
 * Beam's {@link FileSystems}, so that a directory on a bucket serves every worker of a cluster and
 * every later run: an answer once paid for is never paid for again.
 *
 * <p>The key is the SHA-256 of the request body in canonical JSON (keys sorted): model, messages
 * (system prompt and chunk), response schema, temperature, seed and {@code max_tokens}; a change to
 * any of them is a different request and misses. The entry is {@code <directory>/<first two hex
 * digits>/<key>.json} and holds the raw answer (content, usage, the model that answered) so that a
 * hit goes through the same parsing and grounding as a live answer. Entries are written whole to a
 * temporary name and renamed, so concurrent writers of one key (two workers, two runs) leave one
 * complete entry, whichever wins.
 *
 * <p>An entry that cannot be read back (truncated, not JSON, another key inside, an answer that is
 * not JSON of the schema) is {@link Corrupt}: the caller asks the model again and {@link #store}
 * replaces it. An I/O error while looking up counts as a miss and one while storing is logged, so
 * that a flaky bucket costs money but never answers.
 *
 * <p>Within a run, a request is asked once: identical requests in one JVM take {@linkplain #turn
 * turns}, so the second finds the first one's answer here, {@linkplain #paidByThisRun paid by this
 * run}. While a request is asked, a note of it lies in {@code <directory>/in-flight/} ({@link
 * InFlightNotes}), so that an answer lost with a worker is counted.
 */
public final class ResponseCache implements Serializable {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  /** Under the cache directory: a note per request in flight. */
  public static final String IN_FLIGHT = "in-flight";

  private final String directory;
  private final @Nullable String run;

  /**
   * @param directory a directory for {@link FileSystems}: a local path, {@code s3://...} or {@code
   *     gs://...}
   */
  public ResponseCache(String directory) {
    this(directory, null);
  }

  /**
   * @param run the run that stores answers and looks them up (its Beam job name), so that it can
   *     tell the answers it paid for itself in an attempt a runner restarted
   */
  public ResponseCache(String directory, @Nullable String run) {
    this.directory = directory;
    this.run = run;
  }

  /** The cache key of a request body: hex SHA-256 of its canonical JSON. */
  public static String key(ObjectNode requestBody) {
    try {
      Object canonical = Json.MAPPER.treeToValue(requestBody, Object.class);
      byte[] bytes = Json.MAPPER.writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a request body", e);
    }
  }

  /** Where the entry of {@code key} lives. */
  public ResourceId entry(String key) {
    return OutputFiles.resolve(directory, key.substring(0, 2) + "/" + key + ".json");
  }

  /** The outcome of a lookup: {@link Hit}, {@link Miss} or {@link Corrupt}. */
  public sealed interface Lookup permits Hit, Miss, Corrupt {}

  /** A readable entry; {@code beliefs} is its content parsed as a live answer would be. */
  public record Hit(Entry entry, List<ModelBelief> beliefs) implements Lookup {}

  /** No entry, or none that could be read. */
  public record Miss() implements Lookup {}

  /** An entry that is there but unusable, and why. */
  public record Corrupt(String problem) implements Lookup {}

  /**
   * One stored answer.
   *
   * @param key the key it was stored under, checked on reading
   * @param model the model that answered, as the server named it
   * @param content the answer's JSON text, as the server sent it
   * @param usage the tokens the answer was billed for
   * @param storedAt when it was stored, ISO-8601
   * @param paid who paid for it and what it took; absent in entries stored by the Batch API path
   */
  public record Entry(
      String key,
      String model,
      String content,
      Usage usage,
      String storedAt,
      @Nullable Payment paid) {}

  /**
   * What an answer cost the run that asked for it: every billed attempt, not only the last.
   *
   * @param run the Beam job name of the run
   * @param chunk the chunk it answered
   */
  public record Payment(
      String run, String chunk, Usage billed, int requests, int rateLimited, long latencyMs) {}

  /**
   * The payment for {@code hit} if this run made it for {@code chunkId}: then the hit is an answer
   * the run got in an attempt that a runner restarted (Flink, after losing a worker), and its cost
   * is this run's, not a saving. A chunk asks for an answer once per attempt, so it cannot have
   * paid for it earlier in the same attempt.
   */
  public Optional<Payment> paidInThisRun(Hit hit, String chunkId) {
    Payment paid = hit.entry().paid();
    return paid != null && run != null && run.equals(paid.run()) && chunkId.equals(paid.chunk())
        ? Optional.of(paid)
        : Optional.empty();
  }

  /**
   * Whether this run paid for {@code hit}, for whatever chunk: then a hit for another chunk is an
   * identical request of the same run, deduplicated rather than a cache hit.
   */
  public boolean paidByThisRun(Hit hit) {
    Payment paid = hit.entry().paid();
    return paid != null && run != null && run.equals(paid.run());
  }

  /**
   * Waits until no other worker of this run in this JVM is asking the request of {@code key}, and
   * holds its turn until the turn is closed: an identical request then finds this one's answer.
   *
   * @throws InterruptedException while waiting
   */
  public RequestTurns.Turn turn(String key) throws InterruptedException {
    return RequestTurns.take(turnKey(key));
  }

  public String turnKey(String key) {
    return directory + "|" + run + "|" + key;
  }

  /** The notes of this run's requests in flight, beside the answers. */
  public InFlightNotes inFlight() {
    return new InFlightNotes(
        FileSystems.matchNewResource(directory, true)
            .resolve(IN_FLIGHT, StandardResolveOptions.RESOLVE_DIRECTORY)
            .toString(),
        run);
  }

  public Lookup lookup(String key) {
    ResourceId resource = entry(key);
    byte[] bytes;
    try {
      MatchResult match =
          FileSystems.match(List.of(resource.toString()), EmptyMatchTreatment.ALLOW).get(0);
      if (match.status() == MatchResult.Status.NOT_FOUND || match.metadata().isEmpty()) {
        return new Miss();
      }
      try (InputStream in = Channels.newInputStream(FileSystems.open(resource))) {
        bytes = in.readAllBytes();
      }
    } catch (IOException e) {
      LOG.warn("response cache: cannot read {}, asking the model instead: {}", resource, e);
      return new Miss();
    }
    Lookup found = read(key, bytes);
    if (found instanceof Corrupt corrupt) {
      LOG.warn("response cache: ignoring corrupt {}: {}", resource, corrupt.problem());
    }
    return found;
  }

  /** Checks an entry's bytes; package-visible for tests. */
  static Lookup read(String key, byte[] bytes) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      return new Corrupt("not JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      return new Corrupt("not a JSON object");
    }
    if (!key.equals(root.path("key").asText(null))) {
      return new Corrupt("holds key " + root.path("key") + ", not " + key);
    }
    JsonNode usage = root.path("usage");
    if (!root.path("content").isTextual()
        || !root.path("model").isTextual()
        || !usage.path("prompt_tokens").canConvertToLong()
        || !usage.path("cached_prompt_tokens").canConvertToLong()
        || !usage.path("completion_tokens").canConvertToLong()) {
      return new Corrupt("lacks content, model or usage");
    }
    Entry entry;
    List<ModelBelief> beliefs;
    try {
      entry = Json.MAPPER.treeToValue(root, Entry.class);
      beliefs = BeliefAnswer.parse(entry.content());
    } catch (IOException e) {
      return new Corrupt("unreadable entry: " + e.getMessage());
    } catch (MalformedAnswerException e) {
      return new Corrupt("the stored answer is malformed: " + e.getMessage());
    }
    return new Hit(entry, beliefs);
  }

  /** Stores a successful, schema-valid answer under {@code key}, replacing what was there. */
  public void store(String key, String model, String content, Usage usage) {
    write(new Entry(key, model, content, usage, Instant.now().toString(), null));
  }

  /**
   * Stores an answer as {@link #store(String, String, String, Usage)} does, with what this run's
   * attempts at {@code chunkId} took to get it ({@code answer}).
   */
  public void store(
      String key, String model, String content, Usage usage, String chunkId, Extraction answer) {
    Payment paid =
        run == null
            ? null
            : new Payment(
                run,
                chunkId,
                answer.usage(),
                answer.requests(),
                answer.rateLimited(),
                answer.latencyMs());
    write(new Entry(key, model, content, usage, Instant.now().toString(), paid));
  }

  private void write(Entry entry) {
    String key = entry.key();
    ResourceId resource = entry(key);
    try {
      OutputFiles.write(resource, Json.line(entry) + "\n");
    } catch (IOException | RuntimeException e) {
      LOG.warn("response cache: cannot store {}; the answer is used but not kept: {}", resource, e);
    }
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
