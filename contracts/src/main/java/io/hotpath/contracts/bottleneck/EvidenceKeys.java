package io.hotpath.contracts.bottleneck;

/**
 * The names of {@link Evidence#measurements()} that detectors write and planners, trackers and
 * reports read. A detector writes the keys of its type and may add others; a reader treats a
 * missing key as "not measured", never as zero.
 *
 * <p>Durations are milliseconds, shares and rates are fractions in [0, 1] unless the name says
 * {@code Percent}, flags are 1.0 (true) or 0.0 (false).
 */
public final class EvidenceKeys {
  private EvidenceKeys() {}

  // Common to every type.
  /** The configured threshold the finding crossed, in the unit of the measured value. */
  public static final String THRESHOLD = "threshold";

  /** Number of samples, spans, requests or points the finding was computed from. */
  public static final String SAMPLES = "samples";

  // SLOW_STARTUP (per phase).
  public static final String DURATION_MS = "durationMs";
  public static final String THRESHOLD_MS = "thresholdMs";
  public static final String COLD_START = "coldStart";
  public static final String TIME_TO_READY_MS = "timeToReadyMs";
  public static final String STARTUP_MEMORY_MB = "startupMemoryMb";
  public static final String BASELINE_MS = "baselineMs";

  // CPU_HOTSPOT and LOCK_CONTENTION (per frame).
  public static final String SELF_PERCENT = "selfPercent";
  public static final String TOTAL_PERCENT = "totalPercent";
  public static final String WAIT_MS = "waitMs";

  // MEMORY_LEAK.
  public static final String GROWTH_MB_PER_HOUR = "growthMbPerHour";
  public static final String FLOOR_START_MB = "floorStartMb";
  public static final String FLOOR_END_MB = "floorEndMb";
  public static final String R_SQUARED = "rSquared";

  // SLOW_QUERY (per normalized statement).
  public static final String CALLS = "calls";
  public static final String MEAN_MS = "meanMs";
  public static final String P95_MS = "p95Ms";
  public static final String ROWS_PER_CALL = "rowsPerCall";

  /** 1.0 when the plan or the statistics show a sequential scan. */
  public static final String SEQ_SCAN = "seqScan";

  // N_PLUS_ONE and SEQUENTIAL_QUERIES (per trace shape).
  public static final String REPEATS = "repeats";
  public static final String TOTAL_MS = "totalMs";

  /** What the sequential queries would take run in parallel: the longest of them. */
  public static final String PARALLEL_MS = "parallelMs";

  // SLOW_ENDPOINT, ERROR_RATE, TIMEOUTS (per route).
  public static final String P50_MS = "p50Ms";
  public static final String P99_MS = "p99Ms";
  public static final String GOAL_MS = "goalMs";
  public static final String REQUESTS = "requests";
  public static final String ERRORS = "errors";
  public static final String ERROR_RATE = "errorRate";
  public static final String TIMEOUTS = "timeouts";
  public static final String TIMEOUT_RATE = "timeoutRate";

  // CACHE_MISS_RATE.
  public static final String HIT_RATE = "hitRate";

  // DB_POOL_SATURATION.
  public static final String POOL_USAGE = "poolUsage";
  public static final String POOL_MAX = "poolMax";
  public static final String PENDING = "pending";

  // REGRESSION.
  public static final String BEFORE_MS = "beforeMs";
  public static final String AFTER_MS = "afterMs";
  public static final String CHANGE_PERCENT = "changePercent";
  public static final String P_VALUE = "pValue";
}
