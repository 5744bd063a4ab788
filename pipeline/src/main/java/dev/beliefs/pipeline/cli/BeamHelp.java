package dev.beliefs.pipeline.cli;

import dev.beliefs.pipeline.ExitCode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code --help=NAME}: Beam's own help of one options interface (a runner's, a file system's), by
 * its simple or full name.
 */
public final class BeamHelp {

  private BeamHelp() {}

  public static int print(
      String command,
      String name,
      Class<? extends PipelineOptions> own,
      PrintStream out,
      PrintStream err) {
    List<Class<? extends PipelineOptions>> all =
        new ArrayList<>(PipelineOptionsFactory.getRegisteredOptions());
    all.add(own);
    all.add(S3Options.class);
    for (Class<? extends PipelineOptions> iface : all) {
      if (iface.getName().equals(name) || iface.getSimpleName().equals(name)) {
        PipelineOptionsFactory.printHelp(out, iface);
        return ExitCode.OK;
      }
    }
    TreeSet<String> names = new TreeSet<>();
    all.forEach(iface -> names.add(iface.getSimpleName()));
    err.println(
        "error: --help="
            + name
            + ": no such options class; one of "
            + String.join(", ", names)
            + ", or ./beliefs "
            + command
            + " --help");
    return ExitCode.BAD_CONFIGURATION;
  }
}
