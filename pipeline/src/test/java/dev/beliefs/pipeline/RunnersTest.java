package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.limits.RateLimits;
import dev.beliefs.extract.limits.Sharing;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.junit.jupiter.api.Test;

/** What --workers becomes on each runner, decided once by Runners.plan. */
class RunnersTest {

  @Test
  void onTheDirectRunner_workersAreTheTargetParallelism_andReadingIsHeldBack()
      throws ConfigurationException {
    BeliefOptions options = options("--workers=6");

    WorkerPlan plan = Runners.plan(options, RateLimits.NONE);
    Runners.configure(options, plan);

    assertEquals(6, plan.requestsInFlight());
    assertEquals(6, plan.parallelism());
    assertTrue(plan.readAhead().isBounded());
    assertEquals(Sharing.WHOLE_JVM, plan.sharing());
    assertEquals(6, options.as(DirectOptions.class).getTargetParallelism());
  }

  @Test
  void onFlinkLocal_theParallelismIsCapped_readingIsNotHeldBack_andOneJvmHoldsTheWorkers()
      throws ConfigurationException {
    BeliefOptions options =
        options("--workers=20", "--runner=FlinkRunner", "--flinkMaster=[local]");

    WorkerPlan plan = Runners.plan(options, RateLimits.NONE);
    Runners.configure(options, plan);

    assertEquals(20, plan.requestsInFlight());
    assertEquals(Runners.LOCAL_PARALLELISM_CAP, plan.parallelism());
    assertFalse(plan.readAhead().isBounded());
    assertEquals(Sharing.WHOLE_JVM, plan.sharing());
    assertEquals(
        Runners.LOCAL_PARALLELISM_CAP, options.as(FlinkPipelineOptions.class).getParallelism());
  }

  @Test
  void anExplicitParallelism_wins() throws ConfigurationException {
    BeliefOptions options =
        options("--workers=20", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=3");

    assertEquals(3, Runners.plan(options, RateLimits.NONE).parallelism());
  }

  @Test
  void underTheFlinkMastersDefault_outsideTheFlinkCli_theWorkersAreCappedAsOnLocal()
      throws ConfigurationException {
    BeliefOptions options = options("--workers=2", "--runner=FlinkRunner");

    WorkerPlan plan = Runners.plan(options, RateLimits.NONE);

    assertEquals(2, plan.parallelism());
  }

  @Test
  void withTheBatchApi_readingIsNeverHeldBack() throws ConfigurationException {
    WorkerPlan plan = Runners.plan(options("--workers=6"), RateLimits.NONE).withoutReadAhead();

    assertFalse(plan.readAhead().isBounded());
    assertEquals(6, plan.requestsInFlight());
  }

  @Test
  void onFlink_aParallelismAboveTheWorkers_isRefused() {
    // [auto] names no cluster, so no REST API is asked; the subtasks still share the workers.
    BeliefOptions options =
        options("--workers=2", "--runner=FlinkRunner", "--flinkMaster=[auto]", "--parallelism=4");

    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Runners.plan(options, RateLimits.NONE));
    assertTrue(
        e.getMessage().startsWith("--parallelism=4 is more than --workers=2"), e.getMessage());
  }

  @Test
  void requestsInFlightAreTheWorkersOnEveryRunner_andFewerThanOneIsRefused()
      throws ConfigurationException {
    assertEquals(
        20,
        Runners.requestsInFlight(
            options("--workers=20", "--runner=FlinkRunner", "--flinkMaster=localhost:1")));
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> Runners.requestsInFlight(options("--workers=0")));
    assertEquals("--workers must be >= 1, got 0", e.getMessage());
  }

  private static BeliefOptions options(String... args) {
    return TestOptions.parse(args);
  }
}
