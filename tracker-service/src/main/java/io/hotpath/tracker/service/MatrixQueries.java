package io.hotpath.tracker.service;

import io.hotpath.tracker.matrix.PlanKey;
import io.hotpath.tracker.matrix.StatusChange;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.matrix.TrackedPlan;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.hotpath.tracker.repository.PlanRepository;
import io.hotpath.tracker.repository.StatusHistoryRepository;
import io.hotpath.tracker.repository.ValidationRunRepository;
import io.hotpath.tracker.validation.ValidationRun;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the matrix, always within one tenant. */
@ApplicationScoped
public class MatrixQueries {
  private final BottleneckRepository bottlenecks;
  private final PlanRepository plans;
  private final StatusHistoryRepository history;
  private final ValidationRunRepository validations;

  public MatrixQueries(
      BottleneckRepository bottlenecks,
      PlanRepository plans,
      StatusHistoryRepository history,
      ValidationRunRepository validations) {
    this.bottlenecks = bottlenecks;
    this.plans = plans;
    this.history = history;
    this.validations = validations;
  }

  /**
   * One page of a tenant's matrix, each row with its plan where one arrived. The rows are counted
   * only when the page is full or past the end: a page with fewer rows than its size is the last,
   * so the total is known without the count query, which Hibernate Reactive builds again at each
   * execution (under the fleet bench, questions about one service at a time).
   */
  @WithSession
  public Uni<MatrixPage> page(
      String tenant, BottleneckRepository.Filter filter, int page, int size) {
    var query = bottlenecks.matrix(tenant, filter).page(Page.of(page, size));
    return query
        .list()
        .chain(
            rows ->
                (rows.size() < size && (page == 0 || !rows.isEmpty())
                        ? Uni.createFrom().item((long) page * size + rows.size())
                        : query.count())
                    .chain(
                        total ->
                            plans
                                .forFingerprints(
                                    tenant,
                                    rows.stream().map(TrackedBottleneck::fingerprint).toList())
                                .map(
                                    found -> {
                                      Map<String, TrackedPlan> byFingerprint =
                                          found.stream()
                                              .collect(
                                                  Collectors.toMap(
                                                      plan -> plan.key().bottleneckFingerprint(),
                                                      Function.identity()));
                                      List<MatrixEntry> entries =
                                          rows.stream()
                                              .map(
                                                  row ->
                                                      new MatrixEntry(
                                                          row,
                                                          byFingerprint.get(row.fingerprint())))
                                              .toList();
                                      return new MatrixPage(entries, page, size, total);
                                    })));
  }

  /** A bottleneck with its plan and history; empty if the tenant has no such human id. */
  @WithSession
  public Uni<Optional<BottleneckRecord>> byHumanId(String tenant, String humanId) {
    return bottlenecks
        .findByHumanId(tenant, humanId)
        .chain(
            found -> {
              if (found == null) {
                return Uni.createFrom().item(Optional.<BottleneckRecord>empty());
              }
              return plans
                  .findById(new PlanKey(tenant, found.fingerprint()))
                  .chain(
                      plan ->
                          history
                              .of(found)
                              .chain(
                                  changes ->
                                      validations
                                          .ofBottlenecks(List.of(found.id()))
                                          .map(
                                              runs ->
                                                  Optional.of(
                                                      new BottleneckRecord(
                                                          found, plan, changes, runs)))));
            });
  }

  /** A matrix row: the bottleneck and its plan, or null while no plan arrived. */
  public record MatrixEntry(TrackedBottleneck bottleneck, TrackedPlan plan) {}

  /** A page of rows and the total number of rows that pass the filter. */
  public record MatrixPage(List<MatrixEntry> entries, int page, int size, long total) {}

  /** One bottleneck in full. */
  public record BottleneckRecord(
      TrackedBottleneck bottleneck,
      TrackedPlan plan,
      List<StatusChange> history,
      List<ValidationRun> validations) {}
}
