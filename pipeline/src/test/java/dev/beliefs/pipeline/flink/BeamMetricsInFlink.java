package dev.beliefs.pipeline.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beliefs.json.Json;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A job's Beam metrics as Flink's REST API shows them, read back into numbers.
 *
 * <p>The FlinkRunner gathers every Beam metric into one Flink accumulator, {@code
 * __metricscontainers}, which {@code GET /jobs/<id>/accumulators} (the web UI's Accumulators tab)
 * shows among the {@code user-task-accumulators} for running and finished jobs alike. Its value is
 * JSON: {@code metrics.attempted} is a list of Beam monitoring infos, each with {@code labels}
 * ({@code NAMESPACE}, {@code NAME}, {@code PTRANSFORM}) and a base64 {@code payload}: one varint
 * for a counter; count, sum, min and max varints for a distribution.
 */
final class BeamMetricsInFlink {

  static final String ACCUMULATOR = "__metricscontainers";

  /** A distribution's four numbers. */
  record Distribution(long count, long sum, long min, long max) {}

  private final Map<String, Long> counters = new HashMap<>();
  private final Map<String, Distribution> distributions = new HashMap<>();

  private BeamMetricsInFlink() {}

  /**
   * @param accumulators the answer of {@code GET /jobs/<id>/accumulators}
   */
  static BeamMetricsInFlink of(JsonNode accumulators) throws IOException {
    BeamMetricsInFlink metrics = new BeamMetricsInFlink();
    for (JsonNode accumulator : accumulators.path("user-task-accumulators")) {
      if (!accumulator.path("name").asText().equals(ACCUMULATOR)) {
        continue;
      }
      JsonNode value = Json.MAPPER.readTree(accumulator.path("value").asText());
      for (JsonNode info : value.path("metrics").path("attempted")) {
        String key =
            info.path("labels").path("NAMESPACE").asText()
                + ":"
                + info.path("labels").path("NAME").asText();
        long[] numbers = varints(Base64.getDecoder().decode(info.path("payload").asText()));
        String type = info.path("type").asText();
        if (type.endsWith(":sum_int64:v1")) {
          metrics.counters.merge(key, numbers[0], Long::sum);
        } else if (type.endsWith(":distribution_int64:v1")) {
          metrics.distributions.merge(
              key,
              new Distribution(numbers[0], numbers[1], numbers[2], numbers[3]),
              (a, b) ->
                  new Distribution(
                      a.count + b.count,
                      a.sum + b.sum,
                      Math.min(a.min, b.min),
                      Math.max(a.max, b.max)));
        }
      }
    }
    return metrics;
  }

  /** A counter summed over the steps that report it, or null when no step does. */
  Long counter(Class<?> namespace, String name) {
    return counters.get(namespace.getName() + ":" + name);
  }

  Distribution distribution(Class<?> namespace, String name) {
    return distributions.get(namespace.getName() + ":" + name);
  }

  @Override
  public String toString() {
    return "counters " + counters + ", distributions " + distributions;
  }

  /** Unsigned LEB128 varints, as Beam's VarInt writes longs. */
  private static long[] varints(byte[] bytes) {
    long[] values = new long[bytes.length];
    int count = 0;
    long value = 0;
    int shift = 0;
    for (byte b : bytes) {
      value |= (long) (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        values[count++] = value;
        value = 0;
        shift = 0;
      }
    }
    return values;
  }
}
