package dev.beliefs.pipeline.eval;

import dev.beliefs.io.OutputFiles;
import dev.beliefs.json.Json;
import dev.beliefs.pipeline.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code ./beliefs eval --gold=DIR --output=RUN_DIR [--input=GLOB]}: scores a finished run against
 * reference beliefs ({@link Evaluation}), writes {@code RUN_DIR/eval.json} and prints a table.
 * Transcripts are found by {@code --input} (file name without extension = transcript id), else
 * where the run's manifests say they were read. Exit 3 when something could not be scored as asked
 * (each problem is printed), 2 for bad arguments.
 */
public final class EvalCommand {

  static final String USAGE = "usage: beliefs eval --gold=DIR --output=RUN_DIR [--input=GLOB]";

  private final PrintStream out;
  private final PrintStream err;

  public EvalCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq > 2 && arg.startsWith("--") ? arg.substring(2, eq) : "";
      if (!List.of("gold", "output", "input").contains(name) || eq == arg.length() - 1) {
        err.println("error: unexpected argument '" + arg + "'; " + USAGE);
        return ExitCode.BAD_CONFIGURATION;
      }
      options.put(name, arg.substring(eq + 1));
    }
    if (!options.containsKey("gold") || !options.containsKey("output")) {
      err.println("error: --gold and --output are required; " + USAGE);
      return ExitCode.BAD_CONFIGURATION;
    }
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    try {
      return evaluate(options.get("gold"), options.get("output"), options.get("input"));
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.CRASH;
    }
  }

  private int evaluate(String goldDir, String runDir, String input) throws IOException {
    List<String> problems = new ArrayList<>();
    SortedMap<String, List<Reference>> gold = GoldSet.read(goldDir, problems::add);
    if (gold.isEmpty()) {
      err.println("error: --gold=" + goldDir + " holds no <transcript id>.jsonl files");
      return ExitCode.BAD_CONFIGURATION;
    }
    if (EvalFiles.match(EvalFiles.dir(runDir) + "/beliefs/*.jsonl").isEmpty()) {
      err.println("error: --output=" + runDir + " holds no beliefs/*.jsonl: run extract first");
      return ExitCode.BAD_CONFIGURATION;
    }
    RunBeliefs run = RunBeliefs.read(runDir, problems::add);
    Map<String, String> transcripts = new HashMap<>();
    if (input != null) {
      List<String> files = EvalFiles.match(input);
      if (files.isEmpty()) {
        err.println("error: --input=" + input + " matches no files");
        return ExitCode.BAD_CONFIGURATION;
      }
      files.forEach(file -> transcripts.put(EvalFiles.baseName(file), file));
    }
    List<String> notInRun = new ArrayList<>();
    EvalReport report =
        Evaluation.score(goldDir, gold, run, transcripts, problems::add, notInRun::add);
    if (report.transcripts().isEmpty()) {
      err.println("error: the run in " + runDir + " read none of the transcripts in " + goldDir);
      return ExitCode.BAD_CONFIGURATION;
    }
    OutputFiles.write(OutputFiles.resolve(runDir, "eval.json"), Json.pretty(report) + "\n");
    EvalTable.print(report, out);
    if (!notInRun.isEmpty()) {
      err.println("not in this run, not scored: " + String.join(", ", notInRun));
    }
    problems.forEach(problem -> err.println("warning: " + problem));
    return problems.isEmpty() ? ExitCode.OK : ExitCode.SOME_FAILED;
  }
}
