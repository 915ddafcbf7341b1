package io.hotpath.analyzer.detect.metric;

/**
 * An ordinary least-squares line through points, and how well it fits.
 *
 * @param rSquared the coefficient of determination; 0 when the points do not vary
 */
record LinearFit(double slope, double intercept, double rSquared) {

  static LinearFit of(double[] x, double[] y) {
    int n = x.length;
    if (n < 2 || y.length != n) {
      throw new IllegalArgumentException("a fit needs at least two points");
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) {
      return new LinearFit(0, meanY, 0);
    }
    double slope = sxy / sxx;
    double rSquared = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
    return new LinearFit(slope, meanY - slope * meanX, rSquared);
  }

  double at(double x) {
    return intercept + slope * x;
  }
}
