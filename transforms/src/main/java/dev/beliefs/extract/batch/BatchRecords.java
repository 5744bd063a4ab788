package dev.beliefs.extract.batch;

import dev.beliefs.io.OutputFiles;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The {@link BatchRecord}s under a directory, through Beam's {@link FileSystems}: {@code
 * <dir>/<record id>.json} while a batch's answers are still to be collected, {@code
 * <dir>/collected/<record id>.json} once they are in the response cache or resubmitted. Files are
 * written whole under a temporary name and renamed.
 */
public final class BatchRecords {

  static final String COLLECTED = "collected";

  private final String directory;

  public BatchRecords(String directory) {
    this.directory = directory;
  }

  /** Every record not yet collected, oldest first (record ids begin with their time). */
  public List<BatchRecord> open() throws IOException {
    String pattern = OutputFiles.resolve(directory, "*.json").toString();
    MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    List<BatchRecord> records = new ArrayList<>();
    if (match.status() == MatchResult.Status.NOT_FOUND) {
      return records;
    }
    for (MatchResult.Metadata file : match.metadata()) {
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        records.add(Json.MAPPER.readValue(in, BatchRecord.class));
      } catch (IOException e) {
        throw new IOException(
            "cannot read the batch record "
                + file.resourceId()
                + " (move it away to submit its requests again): "
                + e.getMessage(),
            e);
      }
    }
    records.sort((a, b) -> a.recordId().compareTo(b.recordId()));
    return records;
  }

  public void save(BatchRecord record) throws IOException {
    OutputFiles.write(file(record), Json.pretty(record) + "\n");
  }

  /** Moves the record to {@code collected/}: no run needs to look at its batch again. */
  public void collected(BatchRecord record) throws IOException {
    OutputFiles.write(
        OutputFiles.resolve(directory, COLLECTED + "/" + record.recordId() + ".json"),
        Json.pretty(record) + "\n");
    FileSystems.delete(List.of(file(record)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  private ResourceId file(BatchRecord record) {
    return OutputFiles.resolve(directory, record.recordId() + ".json");
  }
}
