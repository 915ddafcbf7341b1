package io.hotpath.collector.agents;

/**
 * A CPU-bound program for a real profiler: nearly all its time goes to {@link #burnCpu}. Runs until
 * killed or for the number of seconds in its first argument.
 */
public final class CpuBurner {
  private CpuBurner() {}

  /** Keeps the result observable so the JIT cannot drop the work. */
  static volatile long sink;

  public static void main(String[] args) {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 120;
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < until) {
      sink += burnCpu(2_000_000);
    }
  }

  static long burnCpu(int rounds) {
    long x = 1;
    for (int i = 0; i < rounds; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      x ^= x >>> 29;
    }
    return x;
  }
}
