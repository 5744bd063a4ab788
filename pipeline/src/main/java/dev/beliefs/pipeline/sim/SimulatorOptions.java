package dev.beliefs.pipeline.sim;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code ./beliefs simulate}, in Beam's {@code --name=value} form. */
public interface SimulatorOptions extends PipelineOptions {

  @Description("Port on 127.0.0.1 to serve on; 0 for any free port (the ready line names it).")
  @Validation.Required
  Integer getPort();

  void setPort(Integer value);

  @Description(
      "Multiplies every answer's latency: 1 is real time (about 14 s per extraction call), 0.01 is"
          + " a hundred times faster, 0 answers at once. Rate limits stay per real minute.")
  @Default.Double(1.0)
  double getTimeScale();

  void setTimeScale(double value);

  @Description("Requests per minute allowed; 0 for no limit.")
  @Default.Long(0)
  long getRpm();

  void setRpm(long value);

  @Description(
      "Tokens per minute allowed; 0 for no limit. A request takes its characters / 4 plus its"
          + " max_tokens, as OpenAI's limiter estimates it.")
  @Default.Long(0)
  long getTpm();

  void setTpm(long value);

  @Description(
      "Prompt caching as OpenAI applies it: a prompt sharing a prefix of 1,024 tokens or more with"
          + " one seen in the last 5 minutes has that prefix (in steps of 128 tokens) billed as"
          + " cached. --promptCache=false turns it off.")
  @Default.Boolean(true)
  boolean getPromptCache();

  void setPromptCache(boolean value);

  @Description(
      "Faults to inject, KIND:PROBABILITY comma-separated, kinds 429, 500, 503, timeout, malformed,"
          + " truncated; e.g. 429:0.1,500:0.05,timeout:0.02,malformed:0.02,truncated:0.01.")
  @Default.String("")
  String getFaults();

  void setFaults(String value);

  /**
   * The same default as {@code extract}'s {@code --seed}: Beam requires an option name to have one
   * type and default across all the options interfaces a JVM knows, and a benchmark knows both.
   */
  @Description(
      "Seed of the fault decisions and of each answer's length and latency: the same seed and"
          + " requests give the same faults, answers and service times.")
  @Default.Long(SimulatorConfig.DEFAULT_SEED)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Bearer token that requests must carry (a test value, not a real key); without it any key"
          + " or none is accepted.")
  String getApiKey();

  void setApiKey(String value);

  @Description(
      "Seconds a 'timeout' fault holds a request before dropping it; longer than the client's read"
          + " timeout.")
  @Default.Long(300)
  long getFaultTimeoutSeconds();

  void setFaultTimeoutSeconds(long value);
}
