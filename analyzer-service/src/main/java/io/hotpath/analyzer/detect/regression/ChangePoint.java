package io.hotpath.analyzer.detect.regression;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Finds a step up at the end of a series: moving-average triage (the latest {@code minSamples}
 * points against the earlier ones), then the split that maximizes the standardized difference of
 * the means (a CUSUM-style statistic, so both sides keep weight), then a one-sided Mann-Whitney U
 * test of the two sides and the effect size between their medians. Rank-based, so a few outliers in
 * latencies neither make nor hide a change.
 */
public final class ChangePoint {
  /**
   * A step up.
   *
   * @param split the index of the first point after the change
   * @param before the median before the change
   * @param after the median after it
   * @param changePercent {@code (after - before) / before} in percent
   * @param pValue one-sided Mann-Whitney U p-value of "after is larger", Bonferroni-corrected
   */
  public record Change(
      int split, double before, double after, double changePercent, double pValue) {}

  private ChangePoint() {}

  /**
   * The step up in {@code values} (oldest first), or empty when there is none that is both
   * significant at {@code alpha} and at least {@code minChangePercent}, with at least {@code
   * minSamples} points on each side.
   */
  public static Optional<Change> stepUp(
      double[] values, int minSamples, double alpha, double minChangePercent) {
    int n = values.length;
    int m = Math.max(2, minSamples);
    if (n < 2 * m) {
      return Optional.empty();
    }
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + values[i];
    }
    // Triage: unless the recent average moved by half the effect, there is nothing to test.
    double recent = (prefix[n] - prefix[n - m]) / m;
    double earlier = prefix[n - m] / (n - m);
    if (!(earlier > 0) || (recent / earlier - 1) * 100 < minChangePercent / 2) {
      return Optional.empty();
    }
    int best = -1;
    double bestScore = 0;
    for (int s = m; s <= n - m; s++) {
      double meanBefore = prefix[s] / s;
      double meanAfter = (prefix[n] - prefix[s]) / (n - s);
      double score = (meanAfter - meanBefore) * Math.sqrt((double) s * (n - s) / n);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (best < 0) {
      return Optional.empty();
    }
    double[] before = Arrays.copyOfRange(values, 0, best);
    double[] after = Arrays.copyOfRange(values, best, n);
    double medianBefore = median(before);
    double medianAfter = median(after);
    if (!(medianBefore > 0) || medianAfter <= medianBefore) {
      return Optional.empty();
    }
    double changePercent = (medianAfter / medianBefore - 1) * 100;
    if (changePercent < minChangePercent) {
      return Optional.empty();
    }
    // A step holds: both halves of "after" are up, not one burst inside it.
    double floor = medianBefore * (1 + minChangePercent / 100);
    int half = after.length / 2;
    if (median(Arrays.copyOfRange(after, 0, half)) < floor
        || median(Arrays.copyOfRange(after, half, after.length)) < floor) {
      return Optional.empty();
    }
    // The split was chosen as the most extreme of n - 2m + 1 candidates: Bonferroni-correct.
    int candidates = n - 2 * m + 1;
    double pValue =
        Math.min(1, candidates * new MannWhitneyUTest().mannWhitneyUTest(before, after) / 2);
    if (!(pValue <= alpha)) {
      return Optional.empty();
    }
    return Optional.of(new Change(best, medianBefore, medianAfter, changePercent, pValue));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
