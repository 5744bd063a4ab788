package dev.beliefs.pipeline.sim;

import dev.beliefs.pipeline.ExitCode;
import dev.beliefs.pipeline.cli.OptionArgs;
import dev.beliefs.pipeline.cli.OptionSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code ./beliefs simulate}: starts the simulator, prints one line with its base URL when it is
 * ready, and serves until the process is stopped (TERM) or the calling thread interrupted.
 */
public final class SimulateCommand {

  private final PrintStream out;
  private final PrintStream err;

  public SimulateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Blocks while serving; returns an {@link ExitCode}. */
  public int run(String[] args) {
    SimulatorConfig config;
    try {
      config =
          config(
              PipelineOptionsFactory.fromArgs(
                      new OptionArgs("simulate", OptionSpec.known(SimulatorOptions.class), Set.of())
                          .check(args))
                  .withValidation()
                  .as(SimulatorOptions.class));
    } catch (IllegalArgumentException e) {
      err.println("error: " + firstLine(e.getMessage()));
      return ExitCode.BAD_CONFIGURATION;
    }
    RunningSimulator simulator;
    try {
      simulator = Simulator.start(config);
    } catch (IOException e) {
      err.println("error: --port=" + config.port() + ": cannot listen: " + e.getMessage());
      return ExitCode.BAD_CONFIGURATION;
    }
    Thread stopOnTerm = new Thread(simulator::close, "simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(stopOnTerm);
    out.printf(
        "Simulator ready at %s (timeScale %s, rpm %s, tpm %s, faults %s)%n",
        simulator.baseUrl(),
        config.timeScale(),
        limit(config.requestsPerMinute()),
        limit(config.tokensPerMinute()),
        config.faults().probabilities().isEmpty() ? "none" : config.faults().spec());
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      simulator.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnTerm);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    return ExitCode.OK;
  }

  private static SimulatorConfig config(SimulatorOptions options) {
    FaultPlan faults;
    try {
      faults = FaultPlan.parse(options.getFaults());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--faults: " + e.getMessage(), e);
    }
    if (options.getFaultTimeoutSeconds() < 1) {
      throw new IllegalArgumentException(
          "--faultTimeoutSeconds must be >= 1, got " + options.getFaultTimeoutSeconds());
    }
    if (options.getPort() < 0 || options.getPort() > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, got " + options.getPort());
    }
    if (!(options.getTimeScale() >= 0) || Double.isInfinite(options.getTimeScale())) {
      throw new IllegalArgumentException("--timeScale must be >= 0, got " + options.getTimeScale());
    }
    if (options.getRpm() < 0 || options.getTpm() < 0) {
      throw new IllegalArgumentException("--rpm and --tpm must be >= 0 (0: no limit)");
    }
    return SimulatorConfig.builder()
        .port(options.getPort())
        .timeScale(options.getTimeScale())
        .requestsPerMinute(options.getRpm())
        .tokensPerMinute(options.getTpm())
        .faults(faults)
        .seed(options.getSeed())
        .apiKey(options.getApiKey())
        .faultTimeout(Duration.ofSeconds(options.getFaultTimeoutSeconds()))
        .build();
  }

  private static String limit(long perMinute) {
    return perMinute == 0 ? "unlimited" : Long.toString(perMinute);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "bad arguments";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
