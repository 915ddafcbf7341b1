package io.hotpath.collector.ingest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request body that cannot become an event; carries every violation found, not just the first.
 */
public class InvalidRequestException extends RuntimeException {
  private final transient List<Violation> violations;

  public InvalidRequestException(List<Violation> violations) {
    this(violations, null);
  }

  public InvalidRequestException(List<Violation> violations, Throwable cause) {
    super(
        violations.stream().map(Violation::describe).collect(Collectors.joining("; ")),
        cause,
        false,
        false);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid request has at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
