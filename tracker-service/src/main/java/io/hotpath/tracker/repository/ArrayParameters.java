package io.hotpath.tracker.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Many values in one native statement, for the statements the tracker runs on every poll.
 *
 * <ul>
 *   <li>An update takes them as one array parameter ({@code column = any(cast(:values as
 *       uuid[]))}): its SQL text is the same for any number of values, and Hibernate keeps one plan
 *       for it. (An HQL {@code in} list was translated again at every execution: about 8 % of the
 *       tracker's CPU under the fleet bench.)
 *   <li>A native select, one that returns rows, binds a parameter as a list ({@code in (:values)},
 *       or an array as a list of one value, {@link #listOfOne}), so that Hibernate plans it afresh
 *       at every execution, which for SQL it does not translate is cheap, and leaves its query plan
 *       cache alone. In Hibernate Reactive 3.2 a native select never hits that cache: the result
 *       mapping in its key ({@code ReactiveResultSetMapping}) is compared by identity, so every
 *       execution adds an entry under the same hash (the SQL text's) until the cache is full (2,048
 *       plans), and every lookup then compares the SQL text with those entries and evicts other
 *       plans. Under the fleet bench that was about 8 % of the tracker's CPU. {@code
 *       QueryPlanCacheTest} checks that these statements leave the cache alone.
 * </ul>
 *
 * <p>The casts are needed: the reactive client leaves parameter types to the server.
 */
final class ArrayParameters {
  private ArrayParameters() {}

  /**
   * A parameter bound as a list of one value, so that Hibernate plans its native select afresh
   * (above); Hibernate writes it into the SQL in parentheses.
   */
  static <T> List<T> listOfOne(T value) {
    return List.of(value);
  }

  static UUID[] uuids(Collection<UUID> values) {
    return values.toArray(UUID[]::new);
  }

  /**
   * The rows of {@code entity} in {@code table} of one tenant whose {@code column} holds one of
   * {@code values}, in the current session. The table and column are the caller's constants.
   */
  static <E> Uni<List<E>> ofTenant(
      Class<E> entity, String table, String column, String tenant, Collection<String> values) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select * from "
                            + table
                            + " where tenant = :tenant and "
                            + column
                            + " in (:values)",
                        entity)
                    .setParameter("tenant", tenant)
                    .setParameter("values", List.copyOf(values))
                    .getResultList());
  }
}
