package io.hotpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bin/hotpath bench --preset smoke} for real: the local stack and the four packaged
 * services as processes, a tiny fleet through the collector, the ceiling. Asserts the results are
 * there and hang together; no figure is held to a threshold (the machine may be busy).
 */
class FleetBenchSmokeTest {
  private static Path out;
  private static JsonNode results;

  @BeforeAll
  static void runTheSmokePreset() throws Exception {
    Path root = Path.of(System.getProperty("hotpath.root", "..")).toAbsolutePath().normalize();
    out = Path.of(System.getProperty("hotpath.bench.out", "target/bench-smoke"));
    FleetBench.run(
        FleetOptions.parse(
            "--preset", "smoke", "--root", root.toString(), "--out", out.toString()));
    results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
  }

  @Test
  void writesTheResultsJsonMarkdownAndChart() throws Exception {
    assertThat(out.resolve("results.md")).isRegularFile();
    String markdown = Files.readString(out.resolve("results.md"));
    assertThat(markdown)
        .contains("| target | measured | verdict |")
        .contains("collector >= 50 % of raw producer throughput")
        .contains("## Ceiling");
    BufferedImage chart = ImageIO.read(out.resolve("throughput-latency.png").toFile());
    assertThat(chart).isNotNull();
    assertThat(chart.getWidth()).isPositive();
  }

  @Test
  void everyServiceBecameReady() {
    JsonNode together = results.path("readyMs").path("together");
    for (String service : FleetBench.SERVICES) {
      assertThat(together.path(service).asLong(-1)).as(service).isPositive();
    }
  }

  @Test
  void theCollectorAcceptedTheFleetsReportsOfEveryKind() {
    JsonNode fleet = results.path("fleetIngest");
    assertThat(fleet.path("accepted").asLong()).isPositive();
    assertThat(fleet.path("acceptedMegabytesPerSecond").asDouble()).isPositive();
    assertThat(fleet.path("status4xx").asLong()).isZero();
    JsonNode byKind = fleet.path("acceptedByKind");
    assertThat(byKind.path("TRACES").asLong()).isPositive();
    assertThat(byKind.path("METRICS").asLong()).isPositive();
    assertThat(byKind.path("PROFILE_FOLDED").asLong() + byKind.path("PROFILE_PPROF").asLong())
        .isPositive();
  }

  @Test
  void measuredEndToEndLatencyOfTheServicesN1s() {
    JsonNode e2e = results.path("endToEnd");
    assertThat(e2e.path("expected").asInt()).isPositive();
    assertThat(e2e.path("acceptedToTrackedMs").path("count").asLong()).isPositive();
    assertThat(e2e.path("acceptedToTrackedMs").path("p99").asDouble())
        .isGreaterThanOrEqualTo(e2e.path("acceptedToTrackedMs").path("p50").asDouble());
    // The warm-up's N+1s are timed apart (at most one per service), not in the window's figures.
    JsonNode warmUp = results.path("warmUpEndToEnd");
    assertThat(warmUp.path("expected").asInt(-1)).isBetween(0, 4);
    assertThat(warmUp.path("measured").asInt(-1)).isBetween(0, warmUp.path("expected").asInt());
  }

  @Test
  void comparedTheCollectorWithTheRawProducerOnTheSameBroker() {
    JsonNode ceiling = results.path("ceiling");
    assertThat(ceiling.path("eventsSampled").asInt()).isPositive();
    assertThat(ceiling.path("rawProducer").path("recordsPerSecond").asDouble()).isPositive();
    assertThat(ceiling.path("rawConsumer").path("records").asLong())
        .isEqualTo(ceiling.path("rawProducer").path("records").asLong());
    assertThat(ceiling.path("collector").path("accepted").asLong()).isPositive();
    assertThat(ceiling.path("collectorToRawProducer").asDouble()).isPositive();
  }

  @Test
  void sampledLagAndEveryProcess() {
    assertThat(results.path("lag").path("samples").asInt()).isPositive();
    List<String> processes = new ArrayList<>();
    results.path("processes").fieldNames().forEachRemaining(processes::add);
    assertThat(processes)
        .containsExactlyInAnyOrder(
            "kafka", "postgresql", "bench", "collector", "analyzer", "planner", "tracker");
    for (String process : processes) {
      assertThat(results.path("processes").path(process).path("rssMbMaxWholeRun").asDouble())
          .as(process)
          .isPositive();
    }
    assertThat(results.path("databasePerSecond").path("transactions").asDouble()).isPositive();
    for (String jvm : List.of("kafka", "bench", "collector", "analyzer", "planner", "tracker")) {
      // every JVM compiles as it starts; the figure comes from its compiler threads alone
      assertThat(results.path("processes").path(jvm).path("jitCpuSecondsWholeRun").asDouble())
          .as(jvm)
          .isPositive();
    }
    assertThat(
            results.path("processes").path("postgresql").path("jitCpuSecondsWholeRun").asDouble())
        .isZero();
    JsonNode collector = results.path("processes").path("collector");
    assertThat(collector.path("cpuMsPerAcceptedReport").asDouble()).isPositive();
    assertThat(collector.path("ceilingCpuMsPerReport").asDouble()).isPositive();
  }

  @Test
  void reportsEveryTargetWithAVerdict() {
    JsonNode targets = results.path("targets");
    assertThat(targets).hasSize(12);
    for (JsonNode target : targets) {
      assertThat(target.path("verdict").asText())
          .matches("met|missed|not measured at this scale.*");
      assertThat(target.path("measured").asText()).isNotBlank();
    }
  }
}
