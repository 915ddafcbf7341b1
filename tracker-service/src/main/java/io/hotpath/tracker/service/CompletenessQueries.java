package io.hotpath.tracker.service;

import io.hotpath.tracker.completeness.Completeness;
import io.hotpath.tracker.completeness.CoverageGap;
import io.hotpath.tracker.completeness.CoverageGaps;
import io.hotpath.tracker.matrix.TrackedBottleneck;
import io.hotpath.tracker.repository.BottleneckRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Completeness of a tenant's services and of its fleet, from the matrix and the coverage gaps. */
@ApplicationScoped
public class CompletenessQueries {
  private final BottleneckRepository bottlenecks;
  private final CoverageGaps gaps;

  public CompletenessQueries(BottleneckRepository bottlenecks, CoverageGaps gaps) {
    this.bottlenecks = bottlenecks;
    this.gaps = gaps;
  }

  /** One service's report; empty when the tenant has no bottleneck of that service. */
  @WithSession
  public Uni<Optional<Completeness.Report>> ofService(String tenant, String service) {
    return bottlenecks
        .ofTenant(tenant, Optional.of(service))
        .chain(
            rows ->
                rows.isEmpty()
                    ? Uni.createFrom().item(Optional.<Completeness.Report>empty())
                    : gaps.open(tenant, Optional.of(service))
                        .map(open -> Optional.of(Completeness.of(rowsOf(rows), open))));
  }

  /** The fleet's report and each service's, by service name. */
  public record Fleet(Completeness.Report fleet, Map<String, Completeness.Report> services) {}

  @WithSession
  public Uni<Fleet> ofFleet(String tenant) {
    return bottlenecks
        .ofTenant(tenant, Optional.empty())
        .chain(
            rows ->
                gaps.open(tenant, Optional.empty())
                    .map(
                        open -> {
                          List<Completeness.Row> all = rowsOf(rows);
                          Map<String, List<Completeness.Row>> byService =
                              all.stream()
                                  .collect(
                                      Collectors.groupingBy(
                                          Completeness.Row::service,
                                          TreeMap::new,
                                          Collectors.toList()));
                          Map<String, List<CoverageGap>> gapsByService =
                              open.stream().collect(Collectors.groupingBy(CoverageGap::service));
                          Map<String, Completeness.Report> services = new TreeMap<>();
                          byService.forEach(
                              (service, serviceRows) ->
                                  services.put(
                                      service,
                                      Completeness.of(
                                          serviceRows,
                                          gapsByService.getOrDefault(service, List.of()))));
                          return new Fleet(Completeness.of(all, open), services);
                        }));
  }

  private static List<Completeness.Row> rowsOf(List<TrackedBottleneck> rows) {
    return rows.stream()
        .map(
            b ->
                new Completeness.Row(
                    b.humanId(),
                    b.service(),
                    b.severity(),
                    b.status(),
                    b.deferralJustification(),
                    b.deferredBy(),
                    b.deferredAt()))
        .toList();
  }
}
