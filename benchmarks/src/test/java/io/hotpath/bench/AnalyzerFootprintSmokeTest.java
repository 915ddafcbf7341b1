package io.hotpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The footprint run feeds every event it names and reports the budget's estimate; untimed. */
class AnalyzerFootprintSmokeTest {
  @Test
  void feedsEachInstanceAProfileAndAMetricBatchPerTickAndEstimatesTheState() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      AnalyzerFootprint.main(new String[] {"--services", "3", "--ticks", "2"});
    } finally {
      System.setOut(out);
    }
    String report = captured.toString(StandardCharsets.UTF_8);

    assertThat(report)
        .contains("3 services x 2 instances, 2 ticks: 12 profiles, 12 metric batches");
    Matcher estimate =
        Pattern.compile(
                "state budget: [0-9.]+ MB \\(([0-9]+) bytes\\) estimated in use; evictions \\{}")
            .matcher(report);
    assertThat(estimate.find()).as(report).isTrue();
    assertThat(Long.parseLong(estimate.group(1))).isPositive();
    assertThat(report).contains("cpuHotspot", "regression", "live heap without detectors");
  }
}
