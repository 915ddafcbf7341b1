package io.hotpath.planner.rest;

import io.hotpath.api.Problem;

/** Ends a request with a problem response; thrown by resources, mapped by {@link Problems}. */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
