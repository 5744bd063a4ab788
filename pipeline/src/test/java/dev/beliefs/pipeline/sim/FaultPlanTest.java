package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultPlanTest {

  private static final String ISSUE_SPEC =
      "429:0.1,500:0.05,timeout:0.02,malformed:0.02,truncated:0.01";

  @Test
  void theSpecOfTheIssueParsesToItsProbabilities() {
    FaultPlan plan = FaultPlan.parse(ISSUE_SPEC);

    assertEquals(
        Map.of(
            Fault.RATE_LIMITED, 0.1,
            Fault.SERVER_ERROR, 0.05,
            Fault.TIMEOUT, 0.02,
            Fault.MALFORMED, 0.02,
            Fault.TRUNCATED, 0.01),
        plan.probabilities());
    assertEquals(plan, FaultPlan.parse(plan.spec()));
    assertEquals(FaultPlan.NONE, FaultPlan.parse(""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"404:0.1", "500", "500:lots", "500:1.5", "500:0.6,503:0.6", "500:0.1,500:0.2"})
  void aBadSpecIsRefusedWithAReason(String spec) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(spec));

    assertTrue(refused.getMessage().length() > 10, refused.getMessage());
  }

  @Test
  void theDecisionIsAPureFunctionOfSeedBodyAndTimesSeen() {
    FaultPlan plan = FaultPlan.parse("500:0.5");
    byte[] body = FaultPlan.sha256().digest(new byte[] {1, 2, 3});

    List<Optional<Fault>> first = decisions(plan, 42, body);
    List<Optional<Fault>> again = decisions(plan, 42, body);
    List<Optional<Fault>> otherSeed = decisions(plan, 43, body);

    assertEquals(first, again);
    assertNotEquals(first, otherSeed);
    assertTrue(first.contains(Optional.of(Fault.SERVER_ERROR)) && first.contains(Optional.empty()));
  }

  @Test
  void overManyRequestsEachFaultComesAboutAsOftenAsAsked() {
    FaultPlan plan = FaultPlan.parse(ISSUE_SPEC);
    Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
    int draws = 20_000;

    for (int i = 0; i < draws; i++) {
      byte[] body = FaultPlan.sha256().digest(ByteBuffer.allocate(4).putInt(i).array());
      plan.decide(7, body, 0).ifPresent(f -> counts.merge(f, 1, Integer::sum));
    }

    plan.probabilities()
        .forEach(
            (fault, p) -> {
              double share = counts.getOrDefault(fault, 0) / (double) draws;
              assertTrue(Math.abs(share - p) < 0.01, fault + ": " + share + " for " + p);
            });
    assertEquals(null, counts.get(Fault.OVERLOADED));
  }

  private static List<Optional<Fault>> decisions(FaultPlan plan, long seed, byte[] body) {
    List<Optional<Fault>> decisions = new ArrayList<>();
    for (int seen = 0; seen < 30; seen++) {
      decisions.add(plan.decide(seed, body, seen));
    }
    return decisions;
  }
}
