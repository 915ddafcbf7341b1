package io.hotpath.tracker.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Many values as one SQL array parameter ({@code column = any(cast(:values as text[]))}, {@code
 * unnest(cast(:ids as uuid[]))}), for the statements the tracker runs on every poll. Hibernate
 * translates a query with an {@code in} list again at every execution (a plan with a multi-valued
 * parameter is not cached, and the SQL differs with the list's length); under the fleet bench that
 * re-translation took about 8 % of the tracker's CPU. With one array parameter the SQL text is the
 * same for any number of values. The casts are needed: the reactive client leaves parameter types
 * to the server, which cannot tell which {@code unnest} an untyped array is for.
 */
final class ArrayParameters {
  private ArrayParameters() {}

  static String[] strings(Collection<String> values) {
    return values.toArray(String[]::new);
  }

  static UUID[] uuids(Collection<UUID> values) {
    return values.toArray(UUID[]::new);
  }

  /**
   * The rows of {@code entity} in {@code table} of one tenant whose {@code column} holds one of
   * {@code values}, in the current session. The table and column are the caller's constants, so
   * each caller's statement text is always the same.
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
                            + " = any(cast(:values as text[]))",
                        entity)
                    .setParameter("tenant", tenant)
                    .setParameter("values", strings(values))
                    .getResultList());
  }
}
