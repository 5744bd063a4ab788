package dev.beliefs.pipeline;

import dev.beliefs.extract.openai.ApiKeySource;
import dev.beliefs.pipeline.bench.BenchCommand;
import dev.beliefs.pipeline.cli.BeamHelp;
import dev.beliefs.pipeline.cli.CommandHelp;
import dev.beliefs.pipeline.eval.EvalCommand;
import dev.beliefs.pipeline.sim.SimulateCommand;
import dev.beliefs.pipeline.sim.SimulatorOptions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The command line: {@code beliefs <command> [--option=value ...]}. Help and the version are
 * answered here, before a command runs, so that asking for them has no side effects.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    OutOfMemory.install(System.err);
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(CommandHelp.USAGE);
      return ExitCode.BAD_CONFIGURATION;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (command.equals("--version") || command.equals("version")) {
      out.println(ProjectVersion.line());
      return ExitCode.OK;
    }
    if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
      Optional<String> help = rest.length == 1 ? CommandHelp.of(rest[0]) : Optional.empty();
      out.print(help.orElse(CommandHelp.USAGE));
      return ExitCode.OK;
    }
    Optional<String> help = CommandHelp.of(command);
    if (help.isPresent() && asksForHelp(rest)) {
      out.print(help.get());
      return ExitCode.OK;
    }
    Optional<String> beamHelp = helpOption(rest);
    if (beamHelp.isPresent()
        && !command.equals("runs")
        && !command.equals("bench")
        && !command.equals("eval")) {
      return BeamHelp.print(
          command,
          beamHelp.get(),
          command.equals("simulate") ? SimulatorOptions.class : BeliefOptions.class,
          out,
          err);
    }
    return switch (command) {
      case "extract" -> new ExtractCommand(out, err, ApiKeySource.environment()).run(rest);
      case "estimate" -> new EstimateCommand(out, err).run(rest);
      case "bench" -> new BenchCommand(out, err).run(rest);
      case "runs" -> new RunsCommand(out, err).run(rest);
      case "eval" -> new EvalCommand(out, err).run(rest);
      case "simulate" -> new SimulateCommand(out, err).run(rest);
      default -> {
        err.println("error: unknown command '" + command + "'; run ./beliefs --help");
        yield ExitCode.BAD_CONFIGURATION;
      }
    };
  }

  private static boolean asksForHelp(String[] args) {
    return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
  }

  /** The {@code X} of a {@code --help=X}: Beam's help of one options interface. */
  private static Optional<String> helpOption(String[] args) {
    return Arrays.stream(args)
        .filter(arg -> arg.startsWith("--help="))
        .map(arg -> arg.substring("--help=".length()))
        .findFirst();
  }
}
