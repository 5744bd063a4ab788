package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Option mistakes are told in one line that names the option and the form it takes. */
class OptionErrorsTest {

  @TempDir Path temp;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String error() {
    return stderr.toString(StandardCharsets.UTF_8).strip();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--workers=four | error: --workers=four: expected a whole number, as --workers=4",
        "--maxCostUsd=ten | error: --maxCostUsd=ten: expected a number, as --maxCostUsd=2.5",
        "--cheapMode=maybe | error: --cheapMode=maybe: expected true or false, as"
            + " --cheapMode=false",
        "--levels | error: --levels needs a value, as --levels=1,5",
        "--bogus=1 | error: --bogus is not an option of extract (see ./beliefs extract --help)",
        "--Workers=2 | error: --Workers is not an option of extract; did you mean --workers?",
        "workers=2 | error: 'workers=2' is not an option: options are written --name=value (see"
            + " ./beliefs extract --help)"
      })
  void aBadOptionIsNamedWithTheFormItTakes(String arg, String expected) {
    int exit = run("extract", "--input=" + temp + "/*.txt", "--output=" + temp, arg);

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertEquals(expected, error());
  }

  @Test
  void aSingleValuedOptionGivenTwice_isNamedWithBothValues() {
    int exit = run("extract", "--input=a.txt", "--output=one", "--output=two");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertEquals("error: --output was given 2 times (one, two): give it once", error());
  }

  @Test
  void aSecondInputIsAnotherPattern_andAPatternThatMatchesNothingIsNamed() {
    int exit =
        run(
            "extract",
            "--input=" + ExtractCommandTest.samples() + "/*.txt",
            "--input=" + temp + "/missing/*.vtt",
            "--output=" + temp.resolve("out"));

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertEquals("error: --input=" + temp + "/missing/*.vtt matches no files", error());
  }

  @Test
  void theSimulatorsOptionsAreCheckedTheSameWay() {
    int exit = run("simulate", "--port=eighty");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertEquals("error: --port=eighty: expected a whole number, as --port=10", error());
  }

  @Test
  void estimatesOptionsAreCheckedTheSameWay() {
    int exit = run("estimate", "--input=x", "--workers=lots");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertEquals("error: --workers=lots: expected a whole number, as --workers=4", error());
  }

  @Test
  void estimateRefusesTheWorkerCountThatExtractRefuses() {
    int exit = run("estimate", "--input=" + temp + "/*.txt", "--output=" + temp, "--workers=0");

    assertEquals(ExitCode.BAD_CONFIGURATION, exit);
    assertEquals("error: --workers must be >= 1, got 0", error());
  }
}
