package dev.beliefs.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of {@code ./beliefs extract}. The API key is deliberately not among them: it is read from
 * {@code OPENAI_API_KEY} on the machine that makes the call, so it never appears in a job graph,
 * the Flink web UI or a log of options.
 */
public interface BeliefOptions extends PipelineOptions {

  @Description(
      "Transcript files: a path, a glob (samples/*.txt, dir/**) or s3:// or gs:// pattern.")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("Output directory: beliefs/, failures/, run-summary.json are written under it.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Window sizes in utterances, comma-separated and ascending, e.g. 1,5,15.")
  @Default.String("1,5")
  String getLevels();

  void setLevels(String value);

  @Description(
      "Requests in flight at once: the runner's parallelism (DirectRunner threads, Flink"
          + " parallelism).")
  @Default.Integer(4)
  int getWorkers();

  void setWorkers(int value);

  @Description("Use gpt-4o-mini and skip windows under 20 words, as the prototype's benchmark did.")
  @Default.Boolean(false)
  boolean getCheapMode();

  void setCheapMode(boolean value);

  @Description("Chat model to ask; must have a price in the pricing table. Default gpt-4o.")
  String getModel();

  void setModel(String value);

  @Description(
      "Base URL of an OpenAI-compatible API. Default https://api.openai.com/v1 when OPENAI_API_KEY"
          + " is set; with neither, the offline rule-based extractor runs.")
  String getBaseUrl();

  void setBaseUrl(String value);

  @Description("Windows with fewer words are not sent. Default 8, or 20 with --cheapMode.")
  Integer getMinChunkWords();

  void setMinChunkWords(Integer value);

  @Description(
      "max_tokens of each answer; an answer cut off there is retried once with twice as many.")
  @Default.Integer(1500)
  int getMaxTokens();

  void setMaxTokens(int value);

  @Description("Seed sent with every request, for repeatable answers.")
  @Default.Long(20240601L)
  long getSeed();

  void setSeed(long value);

  @Description("Requests per chunk at most, the first included.")
  @Default.Integer(6)
  int getMaxAttempts();

  void setMaxAttempts(int value);

  @Description(
      "OpenAI usage tier 1-5: take that tier's published rate limits for the model (see"
          + " README). Without it, limits come from --rpmLimit/--tpmLimit or from the server's"
          + " x-ratelimit-limit-* headers.")
  Integer getTier();

  void setTier(Integer value);

  @Description("Requests per minute this job may send; overrides --tier.")
  Long getRpmLimit();

  void setRpmLimit(Long value);

  @Description(
      "Tokens per minute this job may use, counted as OpenAI does (prompt + max_tokens);"
          + " overrides --tier.")
  Long getTpmLimit();

  void setTpmLimit(Long value);

  @Description(
      "Spending cap in USD: no request starts that could pass it; chunks left over fail with"
          + " reason budget_exhausted.")
  Double getMaxCostUsd();

  void setMaxCostUsd(Double value);

  @Description("Seconds to wait for a connection to the API.")
  @Default.Integer(10)
  int getConnectTimeoutSeconds();

  void setConnectTimeoutSeconds(int value);

  @Description("Seconds to wait for an answer before the attempt counts as timed out.")
  @Default.Integer(120)
  int getRequestTimeoutSeconds();

  void setRequestTimeoutSeconds(int value);

  @Description("JSON file of prices per model, replacing the bundled table (see README).")
  String getPricingFile();

  void setPricingFile(String value);

  @Description(
      "Force one transcript format instead of detecting it by name and content: webvtt, srt,"
          + " named-captions (WebVTT/SRT cues starting 'Name: ', as Zoom writes them),"
          + " podcast-json and podcast-html (Podcasting 2.0 transcripts), beliefs-json,"
          + " whisper-json (Whisper verbose_json, WhisperX, whisper-timestamped), assemblyai-json,"
          + " deepgram-json, otter-text (Otter.ai's text export), markdown-headings"
          + " ('**Name** (00:01:02)' turns, as Descript writes them), text. See docs/formats.md.")
  String getFormat();

  void setFormat(String value);

  @Description("Transcript files larger than this many bytes fail with reason too_large.")
  @Default.Long(50_000_000L)
  long getMaxTranscriptBytes();

  void setMaxTranscriptBytes(long value);

  @Description(
      "Skip transcripts whose content and extraction settings already have results in --output"
          + " (see manifest/ in README). Default: on for s3:// and gs:// inputs, off for local"
          + " paths.")
  Boolean getIncremental();

  void setIncremental(Boolean value);

  @Description(
      "Send the requests through OpenAI's Batch API, at its price (half the standard one for the"
          + " bundled models), answered within 24 h; a rerun resumes the batches already submitted"
          + " (see README).")
  @Default.Boolean(false)
  boolean getBatch();

  void setBatch(boolean value);

  @Description(
      "Directory of the response cache: answers already paid for are not asked again. A local"
          + " path, s3:// or gs://; default <output>/cache, shared by every worker.")
  String getCacheDir();

  void setCacheDir(String value);
}
