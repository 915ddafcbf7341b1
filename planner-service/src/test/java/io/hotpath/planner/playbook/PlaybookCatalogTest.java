package io.hotpath.planner.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.contracts.plan.RiskLevel;
import io.hotpath.contracts.plan.RollbackMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlaybookCatalogTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PlaybookCatalogTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static PlaybookCatalog parse(String yaml) {
    return PlaybookCatalog.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static final String VALID =
      """
      playbooks:
        - id: slow-startup-lazy-init
          bottleneckType: SLOW_STARTUP
          approach: Lazy loading behind a feature flag
          steps:
            - "Defer {location}"
          validation:
            metric: "startup.phase.duration.ms[{location}]"
            target: "<= {threshold}"
          risk: LOW
          effort:
            size: S
            days: 2
          rollback:
            method: FEATURE_FLAG
            automated: true
            timeToRollback: PT1M
            steps:
              - "Turn the flag off"
          expectedImprovement:
            method: EXCESS_OVER_THRESHOLD
            measurement: durationMs
            threshold: thresholdMs
            unit: ms
            summary: "{value} {unit} faster"
      """;

  @Test
  void readsTheShippedCatalogWithTheSlowStartupPlaybook() throws IOException {
    PlaybookCatalog catalog = PlaybookCatalog.parse("playbooks.yaml", resource("playbooks.yaml"));

    Playbook playbook = catalog.forType(BottleneckType.SLOW_STARTUP).orElseThrow();
    assertThat(playbook.approach()).isEqualTo("Lazy loading behind a feature flag");
    assertThat(playbook.risk()).isEqualTo(RiskLevel.LOW);
    assertThat(playbook.effort().size()).isEqualTo(EffortSpec.EffortSize.S);
    assertThat(playbook.rollback().method()).isEqualTo(RollbackMethod.FEATURE_FLAG);
    assertThat(playbook.rollback().automated()).isTrue();
    assertThat(playbook.rollback().timeToRollback()).isEqualTo(Duration.ofMinutes(1));
    assertThat(playbook.steps()).anyMatch(step -> step.contains("{location}"));
    assertThat(playbook.expectedImprovement().method())
        .isEqualTo(ImprovementSpec.Method.EXCESS_OVER_THRESHOLD);
    assertThat(catalog.version()).matches("sha256:[0-9a-f]{12}");
  }

  @Test
  void hasNoPlaybookForAnUncoveredType() {
    assertThat(parse(VALID).forType(BottleneckType.LOCK_CONTENTION)).isEmpty();
  }

  @Test
  void versionChangesWithTheContentAndOnlyWithIt() {
    assertThat(parse(VALID).version()).isEqualTo(parse(VALID).version());
    assertThat(parse(VALID.replace("days: 2", "days: 3")).version())
        .isNotEqualTo(parse(VALID).version());
  }

  @Test
  void refusesAFileWithAMissingFieldNamingFileAndLine() throws IOException {
    assertThatThrownBy(
            () ->
                PlaybookCatalog.parse(
                    "playbooks-broken/missing-approach.yaml",
                    resource("playbooks-broken/missing-approach.yaml")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("playbooks-broken/missing-approach.yaml line ")
        .hasMessageContaining("approach")
        .hasMessageContaining("at playbooks[0].approach")
        // The entry that lacks it starts on line 2.
        .satisfies(e -> assertThat(((InvalidCatalogException) e).line()).isEqualTo(2));
  }

  @Test
  void refusesAnUnknownRollbackMethodOnItsLine() throws IOException {
    assertThatThrownBy(
            () ->
                PlaybookCatalog.parse(
                    "unknown-rollback-method.yaml",
                    resource("playbooks-broken/unknown-rollback-method.yaml")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("unknown-rollback-method.yaml line 15")
        .hasMessageContaining("playbooks[0].rollback.method")
        .hasMessageContaining("FLAG_FLIP")
        .satisfies(e -> assertThat(((InvalidCatalogException) e).line()).isEqualTo(15));
  }

  @Test
  void refusesAnUnknownBottleneckTypeOnItsLine() {
    assertThatThrownBy(() -> parse(VALID.replace("SLOW_STARTUP", "SLOW_BOOT")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 3")
        .hasMessageContaining("playbooks[0].bottleneckType")
        .hasMessageContaining("SLOW_BOOT");
  }

  @Test
  void refusesAnUnknownFieldOnItsLine() {
    assertThatThrownBy(() -> parse(VALID.replace("risk: LOW", "risk: LOW\n    owner: perf-team")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 11")
        .hasMessageContaining("at playbooks[0].owner")
        .hasMessageContaining("Unrecognized field \"owner\"");
  }

  @Test
  void refusesAMisspelledRequiredField() {
    assertThatThrownBy(() -> parse(VALID.replace("risk: LOW", "risky: LOW")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line ")
        .hasMessageContaining("playbooks[0].risk");
  }

  @Test
  void refusesAnUnknownPlaceholder() {
    assertThatThrownBy(() -> parse(VALID.replace("Defer {location}", "Defer {locaton}")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line ")
        .hasMessageContaining("unknown placeholder {locaton}");
  }

  @Test
  void refusesATimeToRollbackThatIsNotAnIsoDuration() {
    assertThatThrownBy(() -> parse(VALID.replace("PT1M", "one minute")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 17")
        .hasMessageContaining("timeToRollback");
  }

  @Test
  void refusesAFormulaWithoutItsThreshold() {
    assertThatThrownBy(() -> parse(VALID.replace("      threshold: thresholdMs\n", "")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("playbooks[0].expectedImprovement")
        .hasMessageContaining("threshold is required");
  }

  @Test
  void refusesTwoPlaybooksWithOneId() {
    String twice = VALID + VALID.substring(VALID.indexOf("  - id:"));
    assertThatThrownBy(() -> parse(twice))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 26 at playbooks[1].id")
        .hasMessageContaining("already used by playbooks[0]");
  }

  @Test
  void refusesAKeyGivenTwice() {
    assertThatThrownBy(() -> parse(VALID.replace("risk: LOW", "risk: LOW\n    risk: HIGH")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 11")
        .hasMessageContaining("risk");
  }

  @Test
  void refusesACatalogWithoutPlaybooks() {
    assertThatThrownBy(() -> parse("playbooks: []\n"))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("at least one playbook");
  }

  private static String withRule(String rule) {
    return VALID.replace(
        "    bottleneckType: SLOW_STARTUP\n",
        "    bottleneckType: SLOW_STARTUP\n    when:\n" + rule);
  }

  @Test
  void readsARuleAndAppliesThePlaybookOnlyWhereItHolds() {
    PlaybookCatalog catalog =
        parse(
            withRule("      severity: [CRITICAL]\n      measurements: [\"durationMs > 5000\"]\n"));

    var playbook = catalog.forType(BottleneckType.SLOW_STARTUP).orElseThrow();
    assertThat(playbook.when()).isNotNull();
    assertThat(catalog.select(io.hotpath.planner.Bottlenecks.slowStartup("a", "s", 9000)))
        .as("HIGH, not CRITICAL")
        .isEmpty();
  }

  @Test
  void refusesALocationRuleThatIsNotARegularExpressionOnItsLine() {
    assertThatThrownBy(() -> parse(withRule("      location: \"frame:(unclosed\"\n")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 4")
        .hasMessageContaining("playbooks[0].when")
        .hasMessageContaining("not a regular expression");
  }

  @Test
  void refusesAComparisonItCannotRead() {
    assertThatThrownBy(() -> parse(withRule("      measurements: [\"seqScan is true\"]\n")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 4")
        .hasMessageContaining("'seqScan is true' is not a comparison");
  }

  @Test
  void refusesAnEmptyRule() {
    assertThatThrownBy(() -> parse(withRule("      mentions: []\n")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 4")
        .hasMessageContaining("mentions must list at least one entry");
  }

  @Test
  void refusesToDeferACriticalBottleneck() {
    String deferring =
        VALID
            + "    deferral:\n"
            + "      severities: [LOW, CRITICAL]\n"
            + "      justification: \"later\"\n";
    assertThatThrownBy(() -> parse(deferring))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 26")
        .hasMessageContaining("playbooks[0].deferral")
        .hasMessageContaining("CRITICAL may never be deferred");
  }

  @Test
  void refusesAFormulaFieldTheMethodDoesNotUse() {
    assertThatThrownBy(
            () -> parse(VALID.replace("      unit: ms\n", "      unit: ms\n      fraction: 0.5\n")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 20")
        .hasMessageContaining("playbooks[0].expectedImprovement")
        .hasMessageContaining("fraction is not used by EXCESS_OVER_THRESHOLD");
  }

  @Test
  void refusesAnUnknownFormula() {
    assertThatThrownBy(() -> parse(VALID.replace("EXCESS_OVER_THRESHOLD", "GUESS")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 21")
        .hasMessageContaining("GUESS");
  }

  @Test
  void refusesAPlaceholderTheFormulaCannotFill() {
    String yaml =
        VALID.replace(
            "      method: EXCESS_OVER_THRESHOLD\n      measurement: durationMs\n"
                + "      threshold: thresholdMs\n",
            "      method: FRACTION_OF_IMPACT\n      fraction: 0.5\n");
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("test.yaml line 2")
        .hasMessageContaining("{threshold} is not filled by the FRACTION_OF_IMPACT formula");
  }
}
