package dev.beliefs.extract.batch;

/** A batch being awaited: its record, and what the Batch API said of it last. */
final class ActiveBatch {
  final BatchRecord record;
  BatchStatus status;

  ActiveBatch(BatchRecord record, BatchStatus status) {
    this.record = record;
    this.status = status;
  }
}
