package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.pipeline.cli.CommandHelp;
import dev.beliefs.pipeline.cli.HelpGroup;
import dev.beliefs.pipeline.cli.OptionSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's help, and the version, answered with no side effects. */
class HelpAndVersionTest {

  @TempDir Path temp;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void extractHelp_groupsTheToolsOwnOptionsWithDefaultsAndSaysHowToSeeBeams(String flag) {
    int exit = run("extract", flag);

    assertEquals(ExitCode.OK, exit, stderr.toString());
    String help = out();
    List<String> groups =
        List.of(
            "Input and output:",
            "Model and prompt:",
            "Limits, retries and budget:",
            "Runner:",
            "Buckets, cache and incremental runs:");
    int previous = -1;
    for (String group : groups) {
      int at = help.indexOf("\n" + group + "\n");
      assertTrue(at > previous, group + " missing or out of order:\n" + help);
      previous = at;
    }
    assertTrue(help.contains("  --input=PATTERN  (required)\n"), help);
    assertTrue(help.contains("  --output=DIR  (required)\n"), help);
    assertTrue(help.contains("  --workers=N  (default: 4)\n"), help);
    assertTrue(help.contains("  --levels=1,5,...  (default: 1,5)\n"), help);
    assertTrue(help.contains("  --maxAttempts=N  (default: 6)\n"), help);
    assertTrue(help.contains("  --cheapMode=true|false  (default: false)\n"), help);
    assertTrue(help.contains("  --runner=DirectRunner|FlinkRunner  (default: DirectRunner)\n"));
    String[] lines = help.strip().split("\n");
    assertTrue(
        lines[lines.length - 1].contains("--help=FlinkPipelineOptions"), lines[lines.length - 1]);
    assertFalse(help.contains("GcpOptions"), "Beam's option classes are not listed");
  }

  @Test
  void everyOptionOfTheJobIsInExactlyOneGroupOfTheHelp() {
    List<String> grouped = new ArrayList<>();
    for (HelpGroup group : CommandHelp.EXTRACT_GROUPS) {
      group.options().forEach(option -> grouped.add(option.name()));
    }

    for (String option : OptionSpec.declaredBy(BeliefOptions.class).keySet()) {
      assertEquals(
          1,
          grouped.stream().filter(option::equals).count(),
          "--" + option + " must be in one help group of CommandHelp.EXTRACT_GROUPS");
    }
  }

  @Test
  void estimateHelp_showsExtractsOptions() {
    assertEquals(ExitCode.OK, run("estimate", "--help"));

    assertTrue(out().startsWith("usage: ./beliefs estimate"), out());
    assertTrue(out().contains("  --workers=N  (default: 4)\n"), out());
  }

  @Test
  void simulateHelp_showsTheSimulatorsOptions() {
    assertEquals(ExitCode.OK, run("simulate", "-h"));

    String help = out();
    assertTrue(help.contains("  --port=N  (required)\n"), help);
    assertTrue(help.contains("  --timeScale=X  (default: 1.0)\n"), help);
    assertTrue(help.contains("  --rpm=N  (default: 0)\n"), help);
    assertTrue(help.contains("  --faults=TEXT  (default: none)\n"), help);
    assertTrue(help.contains("  --seed=N  (default: 20240601)\n"), help);
  }

  @Test
  void benchHelp_needsNoOutputAndWritesNothing() throws Exception {
    Path cwdBefore = Path.of("").toAbsolutePath();
    List<Path> before = list(cwdBefore);

    int exit = run("bench", "--help", "--output=" + temp.resolve("bench"));

    assertEquals(ExitCode.OK, exit, stderr.toString());
    assertTrue(out().startsWith("usage: ./beliefs bench --output=DIR"), out());
    assertTrue(out().contains("--scale"), out());
    assertFalse(Files.exists(temp.resolve("bench")), "bench --help wrote its output folder");
    assertEquals(before, list(cwdBefore), "bench --help wrote into the working directory");
  }

  @Test
  void runsHelp_isUsageNotAnError() {
    assertEquals(ExitCode.OK, run("runs", "--help"));

    assertTrue(out().startsWith("usage: ./beliefs runs DIR"), out());
  }

  @Test
  void helpOfBeamsOptionClass_isBeamsOwn() {
    assertEquals(ExitCode.OK, run("extract", "--help=S3Options"));

    assertTrue(out().contains("--endpoint"), out());
  }

  @Test
  void helpOfAnUnknownOptionClass_namesTheKnownOnes() {
    assertEquals(ExitCode.BAD_CONFIGURATION, run("extract", "--help=NoSuchOptions"));

    assertTrue(stderr.toString().contains("FlinkPipelineOptions"), stderr.toString());
  }

  @Test
  void toolHelp_listsEveryCommand() {
    assertEquals(ExitCode.OK, run("--help"));

    for (String command : List.of("extract", "estimate", "simulate", "bench", "runs")) {
      assertTrue(out().contains("\n  " + command + " "), command + " missing:\n" + out());
    }
  }

  @Test
  void version_namesTheProjectCommitBeamAndFlink() {
    assertEquals(ExitCode.OK, run("--version"));

    Matcher version =
        Pattern.compile(
                "beliefs (\\S+) \\(commit (\\S+)\\), Apache Beam (\\S+), Apache Flink (\\S+), Java"
                    + " \\S+\n")
            .matcher(out());
    assertTrue(version.matches(), out());
    assertEquals(ProjectVersion.get(), version.group(1));
    assertFalse(version.group(1).equals("unknown"), "the project version comes from the POM");
    assertEquals("2.70.0", version.group(3));
    assertEquals("1.19.0", version.group(4));
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
