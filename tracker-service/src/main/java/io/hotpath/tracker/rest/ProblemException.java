package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a request with a problem response; thrown by resources, mapped by {@link Problems}. May
 * carry RFC 9457 extension members (for a refused transition: {@code from}, {@code to}, {@code
 * allowed}).
 */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;
  private final transient Map<String, Object> extensions;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  public ProblemException(Problem problem, Map<String, Object> extensions) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.extensions = new LinkedHashMap<>(extensions);
  }

  public Problem problem() {
    return problem;
  }

  /** Members beyond the standard ones, in order; empty for most problems. */
  public Map<String, Object> extensions() {
    return extensions;
  }
}
