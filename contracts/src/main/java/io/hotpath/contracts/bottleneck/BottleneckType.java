package io.hotpath.contracts.bottleneck;

/** Every class of bottleneck the analyzer discovers. */
public enum BottleneckType {
  CPU_HOTSPOT,
  MEMORY_LEAK,
  SLOW_QUERY,
  N_PLUS_ONE,
  SEQUENTIAL_QUERIES,
  SLOW_STARTUP,
  SLOW_ENDPOINT,
  ERROR_RATE,
  TIMEOUTS,
  LOCK_CONTENTION,
  CACHE_MISS_RATE,
  DB_POOL_SATURATION,
  REGRESSION
}
