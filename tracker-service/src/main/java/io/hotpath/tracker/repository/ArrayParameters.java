package io.hotpath.tracker.repository;

import java.util.Collection;
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
}
