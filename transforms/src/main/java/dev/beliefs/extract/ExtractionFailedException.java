package dev.beliefs.extract;

import dev.beliefs.model.Usage;

/**
 * A chunk given up on after its last attempt. Carries what the attempts cost, so that no dollar
 * goes unaccounted.
 */
public class ExtractionFailedException extends Exception {

  private final String reason;
  private final Usage billed;
  private final int requests;
  private final int rateLimited;
  private final long latencyMs;
  private final boolean cacheCorrupt;
  private final LostRequests lost;

  /**
   * @param reason short stable word for the failure record
   * @param detail what went wrong last, for a person
   */
  public ExtractionFailedException(
      String reason, String detail, Usage billed, int requests, int rateLimited, long latencyMs) {
    this(reason, detail, billed, requests, rateLimited, latencyMs, false, LostRequests.NONE);
  }

  /**
   * @param cacheCorrupt a response cache entry for the request was there but unusable
   * @param lost requests whose answers never came back, though they may be billed
   */
  public ExtractionFailedException(
      String reason,
      String detail,
      Usage billed,
      int requests,
      int rateLimited,
      long latencyMs,
      boolean cacheCorrupt,
      LostRequests lost) {
    super(detail);
    this.reason = reason;
    this.billed = billed;
    this.requests = requests;
    this.rateLimited = rateLimited;
    this.latencyMs = latencyMs;
    this.cacheCorrupt = cacheCorrupt;
    this.lost = lost;
  }

  public String reason() {
    return reason;
  }

  public Usage billed() {
    return billed;
  }

  public int requests() {
    return requests;
  }

  public int rateLimited() {
    return rateLimited;
  }

  public long latencyMs() {
    return latencyMs;
  }

  public boolean cacheCorrupt() {
    return cacheCorrupt;
  }

  public LostRequests lost() {
    return lost;
  }
}
