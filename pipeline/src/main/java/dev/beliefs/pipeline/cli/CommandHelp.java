package dev.beliefs.pipeline.cli;

import static dev.beliefs.pipeline.cli.HelpGroup.beamOption;
import static dev.beliefs.pipeline.cli.HelpGroup.option;

import dev.beliefs.pipeline.BeliefOptions;
import dev.beliefs.pipeline.sim.SimulatorOptions;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.aws2.options.S3Options;

/** What {@code ./beliefs COMMAND --help} prints, for each command. */
public final class CommandHelp {

  /** The groups of {@code extract}'s (and {@code estimate}'s) options, in the order shown. */
  public static final List<HelpGroup> EXTRACT_GROUPS =
      List.of(
          HelpGroup.of(
              "Input and output",
              option("input", "PATTERN"),
              option("output", "DIR"),
              option("format", "NAME", "detected from each file's name and content"),
              option("maxTranscriptBytes")),
          HelpGroup.of(
              "Model and prompt",
              option("model", "NAME", "gpt-4o; gpt-4o-mini with --cheapMode"),
              option("cheapMode"),
              option("baseUrl", "URL", "OpenAI's with OPENAI_API_KEY, else offline"),
              option("levels", "1,5,..."),
              option("minChunkWords", "N", "8; 20 with --cheapMode"),
              option("maxTokens"),
              option("seed"),
              option("pricingFile", "FILE", "the bundled prices")),
          HelpGroup.of(
              "Limits, retries and budget",
              option("workers"),
              option("maxCostUsd", "X", "no cap"),
              option("tier", "1-5", "none"),
              option("rpmLimit", "N", "from --tier, else the server's headers"),
              option("tpmLimit", "N", "from --tier, else the server's headers"),
              option("maxAttempts"),
              option("connectTimeoutSeconds"),
              option("requestTimeoutSeconds"),
              option("batch")),
          HelpGroup.of(
              "Runner",
              beamOption(
                  "runner",
                  "DirectRunner|FlinkRunner",
                  "DirectRunner",
                  "Where the job runs: in this JVM, or on Flink (then give --flinkMaster)."),
              beamOption(
                  "flinkMaster",
                  "[local]|HOST:PORT",
                  "[auto]",
                  "[local] for an embedded Flink cluster in this JVM, HOST:PORT for a session"
                      + " cluster's REST address."),
              beamOption(
                  "parallelism",
                  "N",
                  "--workers, capped by the cluster's slots",
                  "Flink's parallelism."),
              beamOption(
                  "jobName",
                  "NAME",
                  "belief-extraction-<time>",
                  "The run's name: in runs.jsonl, the Flink web UI and the cache's record of who"
                      + " paid.")),
          HelpGroup.of(
              "Buckets, cache and incremental runs",
              option("incremental", "true|false", "on for s3:// and gs:// inputs"),
              option("cacheDir", "DIR", "DIR/cache under --output"),
              beamOption(
                  "awsRegion",
                  "REGION",
                  "the AWS SDK's default",
                  "The AWS region of s3:// inputs and outputs."),
              beamOption(
                  "endpoint",
                  "URL",
                  "AWS",
                  "An S3-compatible server instead of AWS (MinIO, S3Mock).")));

  private static final String BEAM_LINE =
      "Beam's runner options are accepted too: ./beliefs %s --help=FlinkPipelineOptions"
          + " (or DirectOptions, S3Options) lists them.";

  private CommandHelp() {}

  /** The help of {@code command}, or empty when there is no such command. */
  public static Optional<String> of(String command) {
    return Optional.ofNullable(
        switch (command) {
          case "extract" -> extract();
          case "estimate" -> estimate();
          case "simulate" -> simulate();
          case "bench" -> BENCH;
          case "runs" -> RUNS;
          case "eval" -> EVAL;
          default -> null;
        });
  }

  static String extract() {
    return extractLike(
        "extract",
        "usage: ./beliefs extract --input=PATTERN --output=DIR [options]\n\n"
            + "Reads transcripts, asks a model (or, with no OPENAI_API_KEY and no --baseUrl, the"
            + " offline extractor)\nwhich beliefs their speakers hold, and writes them under"
            + " --output. Options are --name=value;\n--input may be repeated or comma-separated,"
            + " and takes globs (*, **, ?) and braces ({a,b}).\n");
  }

  static String estimate() {
    return extractLike(
        "estimate",
        "usage: ./beliefs estimate --input=PATTERN [--output=DIR] [options of extract]\n\n"
            + "Reads and chunks every transcript without a request, and prints the requests,"
            + " tokens, cost and\nwall time that extract with the same options would take.\n");
  }

  /** The help of a command that takes extract's options. */
  private static String extractLike(String command, String intro) {
    return intro
        + new OptionsHelp(OptionSpec.known(BeliefOptions.class, S3Options.class))
            .render(EXTRACT_GROUPS)
        + "\n"
        + String.format(BEAM_LINE, command)
        + "\n";
  }

  static String simulate() {
    List<HelpGroup.Option> options =
        OptionSpec.declaredBy(SimulatorOptions.class).keySet().stream()
            .map(HelpGroup::option)
            .toList();
    return "usage: ./beliefs simulate --port=P [options]\n\n"
        + "An OpenAI-compatible server on 127.0.0.1 for tests and benchmarks: no key, no network,"
        + " no cost.\nIt serves until stopped; point extract at it with"
        + " --baseUrl=http://127.0.0.1:P/v1.\n"
        + new OptionsHelp(OptionSpec.known(SimulatorOptions.class))
            .render(List.of(new HelpGroup("Simulator", options)));
  }

  private static final String BENCH =
      String.join(
          "\n",
          "usage: ./beliefs bench --output=DIR [--workers=1,4,10,20,50] [options of extract]",
          "       ./beliefs bench --scale --output=DIR [--transcripts=100] [--tier=2]"
              + " [--workers=256]",
          "       ./beliefs bench --memory --output=DIR [--transcripts=100,1000]",
          "",
          "Benchmarks against the simulator over HTTP on 127.0.0.1 (see docs/benchmarks.md).",
          "",
          "Worker scaling (the default):",
          "  --output=DIR  (required)",
          "      Writes DIR/bench.json, DIR/bench.md and DIR/bench-speedup.svg.",
          "  --workers=N,N,...  (default: 1,4,10,20,50)",
          "      One extract run per worker count, on the same workload.",
          "  --timeScale=X  (default: 0.07)",
          "      The simulator's latency scale: about one second per call.",
          "  --baseUrl=URL  (default: a simulator started in this JVM)",
          "      A simulator started with ./beliefs simulate.",
          "  --utterances=N  (default: 17)",
          "      The first N utterances of --transcript are the workload.",
          "  --transcript=FILE  (default: samples/nasa-hwhap-ep218.txt)",
          "",
          "Saturation (--scale) and memory (--memory):",
          "  --output=DIR  (required)",
          "  --transcripts=N  (default: 100; with --memory a list, 100,1000)",
          "      How many hour-long transcripts, assembled from testdata/transcripts/conversations.",
          "  --tier=1-5  (default: 2)  --scale only",
          "      The OpenAI tier whose gpt-4o-mini limits the simulator enforces.",
          "  --workers=N  (default: 256 with --scale, 64 with --memory)",
          "  --levels=1,5,...  (default: 1,5,15)",
          "  --javaOpts=\"...\"  (default: -Xmx4g)  --memory only",
          "      The child JVM's options: a heap far above what the job keeps alive.",
          "  --sampleSeconds=N  (default: 5)  --memory only",
          "      How often the child's live heap is sampled (a full GC each time).",
          "",
          "Other options are passed to every extract run (e.g. --runner=FlinkRunner"
              + " --flinkMaster=[local]).",
          "");

  private static final String RUNS =
      String.join(
          "\n",
          "usage: ./beliefs runs DIR",
          "",
          "The runs recorded in DIR/runs.jsonl (DIR is the --output of earlier extract runs), one"
              + " row each,",
          "oldest first: when, exit code and status, runner, workers, model, levels, counts,"
              + " cost, wall time.",
          "");

  private static final String EVAL =
      String.join(
          "\n",
          "usage: ./beliefs eval --gold=DIR --output=RUN_DIR [--input=PATTERN]",
          "",
          "Scores a finished run against reference beliefs (DIR/<transcript id>.jsonl, as in"
              + " testdata/gold):",
          "precision, recall of core and of all references, F1, stance agreement and the levels"
              + " of the matches,",
          "per transcript and in total. Writes RUN_DIR/eval.json and prints a table. --input names"
              + " the transcripts",
          "(default: where the run's manifests say they were read). See docs/quality.md.",
          "");

  /** The usage of the tool as a whole. */
  public static final String USAGE =
      String.join(
          "\n",
          "usage: ./beliefs <command> [--option=value ...]",
          "",
          "commands:",
          "  extract   --input=PATTERN --output=DIR [options]: extract the beliefs of transcripts",
          "  estimate  the options of extract: requests, tokens, cost and wall time, before"
              + " running",
          "  simulate  --port=P [options]: an OpenAI-compatible server on 127.0.0.1 for tests",
          "  bench     --output=DIR [options]: benchmarks against the simulator",
          "  runs      DIR: the runs recorded in DIR/runs.jsonl, side by side",
          "  eval      --gold=DIR --output=RUN_DIR: score a finished run against reference"
              + " beliefs",
          "",
          "./beliefs COMMAND --help (or -h) shows a command's options; ./beliefs --version the"
              + " versions.",
          "The API key is read from OPENAI_API_KEY. With no key and no --baseUrl, extract runs"
              + " the offline extractor.",
          "");
}
