package dev.beliefs.extract.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.io.OutputFiles;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What each {@link Share} of a run may have spent, recorded through Beam's {@link FileSystems} (a
 * directory every worker reaches), so that an attempt a runner restarts (Flink, after losing a
 * TaskManager or cancelling a failed task) goes on from what the share's earlier attempts may have
 * spent, not from zero, and the run's spending stays within its cap across restarts.
 *
 * <p>Each attempt of a share keeps one file, {@code <directory>/<run>/share-<i>-of-<n>/<attempt
 * id>.json}: before a request is sent, the share's {@link Budget} records a ceiling it will not
 * spend past (its spending so far, the worst case of its requests in flight, and a few worst cases
 * ahead, so that not every request needs a write), and when the attempt ends cleanly, what it
 * really spent. An attempt that died counts at its last ceiling; that covers the requests it had in
 * flight, which the API may have billed although their answers were lost.
 */
public final class SpendingLedger implements Serializable {

  private final String directory;
  private final String run;

  /**
   * @param directory a directory for {@link FileSystems}, shared by every worker of the run
   * @param run the run (its Beam job name); each run has a ledger of its own
   */
  public SpendingLedger(String directory, String run) {
    this.directory = directory;
    this.run = run;
  }

  /** A share's account in one attempt. */
  public interface Account {

    /** What the share's earlier attempts may have spent. */
    BigDecimal spentBefore();

    /**
     * Records that this attempt will not spend past {@code ceiling}; it has spent {@code spent}.
     */
    void commit(BigDecimal ceiling, BigDecimal spent);

    /** Records what this attempt spent, once it asks no more. */
    void close(BigDecimal spent);
  }

  /** An account that records nothing: a run without a cap, or one that is never restarted. */
  public static final Account NONE =
      new Account() {
        @Override
        public BigDecimal spentBefore() {
          return BigDecimal.ZERO;
        }

        @Override
        public void commit(BigDecimal ceiling, BigDecimal spent) {}

        @Override
        public void close(BigDecimal spent) {}
      };

  /**
   * Opens {@code share}'s account for a new attempt, reading what its earlier attempts recorded.
   *
   * @throws UncheckedIOException the records cannot be read: spending on would risk the cap
   */
  public Account open(Share share) {
    String shareDirectory =
        directory.replaceAll("/+$", "")
            + "/"
            + run
            + "/share-"
            + (share.index() + 1)
            + "-of-"
            + share.count();
    String attempt = share.holder().isEmpty() ? UUID.randomUUID().toString() : share.holder();
    ResourceId file = OutputFiles.resolve(shareDirectory, attempt + ".json");
    return new FileAccount(file, spentBefore(shareDirectory));
  }

  private static BigDecimal spentBefore(String shareDirectory) {
    BigDecimal total = BigDecimal.ZERO;
    try {
      String pattern = OutputFiles.resolve(shareDirectory, "*.json").toString();
      MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
      if (match.status() == MatchResult.Status.NOT_FOUND) {
        return total;
      }
      for (MatchResult.Metadata earlier : match.metadata()) {
        try (InputStream in = Channels.newInputStream(FileSystems.open(earlier.resourceId()))) {
          JsonNode record = Json.MAPPER.readTree(in);
          String field = record.path("closed").asBoolean() ? "spent_usd" : "ceiling_usd";
          total = total.add(new BigDecimal(record.path(field).asText("0")));
        }
      }
      return total;
    } catch (IOException | NumberFormatException e) {
      throw new UncheckedIOException(
          "cannot read the spending ledger in " + shareDirectory + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static final class FileAccount implements Account {
    private final ResourceId file;
    private final BigDecimal spentBefore;

    FileAccount(ResourceId file, BigDecimal spentBefore) {
      this.file = file;
      this.spentBefore = spentBefore;
    }

    @Override
    public BigDecimal spentBefore() {
      return spentBefore;
    }

    @Override
    public void commit(BigDecimal ceiling, BigDecimal spent) {
      write(ceiling, spent, false);
    }

    @Override
    public void close(BigDecimal spent) {
      write(spent, spent, true);
    }

    private void write(BigDecimal ceiling, BigDecimal spent, boolean closed) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("ceiling_usd", ceiling.toPlainString());
      record.put("spent_usd", spent.toPlainString());
      record.put("closed", closed);
      record.put("updated_at", Instant.now().toString());
      try {
        OutputFiles.write(file, Json.line(record) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot record spending in " + file + ": " + e, e);
      }
    }
  }
}
