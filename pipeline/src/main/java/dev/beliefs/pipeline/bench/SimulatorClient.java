package dev.beliefs.pipeline.bench;

import dev.beliefs.json.Json;
import dev.beliefs.pipeline.sim.StatsSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The simulator's stats and reset endpoints, over HTTP: in process or not. */
final class SimulatorClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String root;

  SimulatorClient(String baseUrl) {
    this.root = baseUrl.replaceAll("/v1/?$", "");
  }

  void reset() throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(URI.create(root + "/sim/reset"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  StatsSnapshot stats() throws IOException, InterruptedException {
    String body =
        http.send(
                HttpRequest.newBuilder(URI.create(root + "/sim/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return Json.MAPPER.readValue(body, StatsSnapshot.class);
  }
}
