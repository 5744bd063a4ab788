package dev.beliefs.pipeline;

import dev.beliefs.extract.ApiKeySource;
import dev.beliefs.pipeline.bench.BenchCommand;
import dev.beliefs.pipeline.eval.EvalCommand;
import dev.beliefs.pipeline.sim.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;

/** The command line: {@code beliefs <command> [--option=value ...]}. */
public final class Main {

  private static final String USAGE =
      String.join(
          "\n",
          "usage: beliefs <command> [--option=value ...]",
          "",
          "commands:",
          "  extract   --input=GLOB --output=DIR [--levels=1,5] [--workers=N] [--cheapMode]",
          "            [--model=gpt-4o] [--baseUrl=URL] [--runner=DirectRunner] [Beam options]",
          "  estimate  the same options as extract: requests, tokens, cost and wall time, before"
              + " running",
          "  simulate  --port=P [--timeScale=F] [--rpm=N --tpm=N] [--faults=429:0.1,...] [--seed=S]",
          "            [--apiKey=K]: an OpenAI-compatible server on 127.0.0.1 for tests and benchmarks",
          "  bench     --workers=1,4,10,20,50 --output=DIR [--timeScale=0.07] [extract options]:",
          "            the worker-scaling benchmark against the simulator",
          "  runs      DIR: the runs recorded in DIR/runs.jsonl, side by side",
          "  eval      --gold=DIR --output=RUN_DIR [--input=GLOB]: score a finished run against"
              + " reference beliefs; writes RUN_DIR/eval.json",
          "  help      this text; 'beliefs extract --help=BeliefOptions' lists every option",
          "",
          "The API key is read from OPENAI_API_KEY. With no key and no --baseUrl, extract runs the"
              + " offline extractor.");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      out.println(USAGE);
      return args.length == 0 ? ExitCode.BAD_CONFIGURATION : ExitCode.OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "extract" -> new ExtractCommand(out, err, ApiKeySource.environment()).run(rest);
      case "estimate" -> new EstimateCommand(out, err).run(rest);
      case "bench" -> new BenchCommand(out, err).run(rest);
      case "runs" -> new RunsCommand(out, err).run(rest);
      case "eval" -> new EvalCommand(out, err).run(rest);
      case "simulate" -> new SimulateCommand(out, err).run(rest);
      default -> {
        err.println("error: unknown command '" + args[0] + "'; run 'beliefs help'");
        yield ExitCode.BAD_CONFIGURATION;
      }
    };
  }
}
