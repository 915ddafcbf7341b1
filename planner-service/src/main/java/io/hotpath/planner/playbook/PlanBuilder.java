package io.hotpath.planner.playbook;

import io.hotpath.contracts.EventIds;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.Impact;
import io.hotpath.contracts.plan.Effort;
import io.hotpath.contracts.plan.PlanProposed;
import io.hotpath.contracts.plan.RollbackPlan;
import io.hotpath.contracts.plan.Strategy;
import io.hotpath.contracts.plan.ValidationTarget;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the plan for one bottleneck from its playbook: fills the playbook's text with the
 * bottleneck's location and numbers, and computes the expected improvement from its evidence. Ids
 * are deterministic so that reprocessing a bottleneck after a crash yields the same plan and event.
 */
public final class PlanBuilder {
  private PlanBuilder() {}

  /**
   * The plan for {@code bottleneck}, or empty when its evidence lacks a measurement the playbook's
   * improvement formula needs (no number is invented in its place).
   *
   * @param rank 1-based place in the service's implementation order
   */
  public static Optional<PlanProposed> build(
      BottleneckDetected bottleneck,
      Playbook playbook,
      String catalogVersion,
      int rank,
      Instant now) {
    return build(bottleneck, playbook, catalogVersion, rank, List.of(), now);
  }

  /**
   * The plan for {@code bottleneck} with its place in the order.
   *
   * @param dependsOn plan ids that must be implemented first
   */
  public static Optional<PlanProposed> build(
      BottleneckDetected bottleneck,
      Playbook playbook,
      String catalogVersion,
      int rank,
      List<String> dependsOn,
      Instant now) {
    ImprovementSpec formula = playbook.expectedImprovement();
    Optional<Double> saving = formula.compute(bottleneck);
    if (saving.isEmpty()) {
      return Optional.empty();
    }
    double value = round(saving.get());
    String unit = formula.unitFor(bottleneck);

    Map<String, String> values = values(bottleneck);
    formula
        .thresholdValue(bottleneck)
        .ifPresent(goal -> values.put(Templates.THRESHOLD, format(goal)));
    formula.measuredValue(bottleneck).ifPresent(m -> values.put(Templates.MEASURED, format(m)));
    formula.expectedAfter(bottleneck).ifPresent(a -> values.put(Templates.AFTER, format(a)));
    values.put(Templates.VALUE, format(value));
    values.put(Templates.UNIT, unit);

    Strategy strategy =
        new Strategy(
            playbook.id(),
            Templates.render(playbook.approach(), values),
            Templates.renderAll(playbook.steps(), values),
            new ValidationTarget(
                Templates.render(playbook.validation().metric(), values),
                Templates.render(playbook.validation().target(), values)),
            new Impact(value, unit, Templates.render(formula.summary(), values)),
            playbook.risk());
    RollbackSpec rollback = playbook.rollback();
    RollbackPlan rollbackPlan =
        new RollbackPlan(
            rollback.method(),
            rollback.automated(),
            rollback.timeToRollback(),
            Templates.renderAll(rollback.steps(), values));

    return Optional.of(
        new PlanProposed(
            EventIds.derived(bottleneck.eventId(), catalogVersion),
            Events.SCHEMA_VERSION,
            bottleneck.tenant(),
            bottleneck.service(),
            bottleneck.environment(),
            bottleneck.version(),
            bottleneck.instance(),
            now,
            planId(bottleneck.fingerprint(), catalogVersion),
            bottleneck.fingerprint(),
            bottleneck.type(),
            bottleneck.severity(),
            strategy,
            rollbackPlan,
            new Effort(playbook.effort().size().name(), playbook.effort().days()),
            rank,
            dependsOn,
            catalogVersion));
  }

  /** The placeholders every text of a playbook can use, filled from {@code bottleneck}. */
  public static Map<String, String> values(BottleneckDetected bottleneck) {
    Map<String, String> values = new HashMap<>();
    values.put(Templates.LOCATION, bottleneck.location());
    values.put(Templates.SERVICE, bottleneck.service());
    values.put(Templates.ENVIRONMENT, bottleneck.environment());
    values.put(Templates.TYPE, bottleneck.type().name());
    values.put(Templates.SEVERITY, bottleneck.severity().name());
    values.put(Templates.DESCRIPTION, bottleneck.evidence().description());
    values.put(
        Templates.IMPACT, format(bottleneck.impact().value()) + " " + bottleneck.impact().unit());
    return values;
  }

  /**
   * Stable per bottleneck and catalog version: the same bottleneck keeps its plan id until the
   * catalog changes. The fingerprint already includes the tenant.
   */
  public static String planId(String fingerprint, String catalogVersion) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((fingerprint + '\u001f' + catalogVersion).getBytes(StandardCharsets.UTF_8));
      return "plan-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static double round(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }

  /** 1300.0 as "1300", 12.5 as "12.5": numbers as a person writes them. */
  static String format(double value) {
    return BigDecimal.valueOf(round(value)).stripTrailingZeros().toPlainString();
  }
}
