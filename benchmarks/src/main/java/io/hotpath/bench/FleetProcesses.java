package io.hotpath.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU and resident memory of the processes under test, read from {@code /proc}: CPU as {@code utime
 * + stime} of {@code /proc/<pid>/stat}, memory as {@code VmRSS} of {@code /proc/<pid>/status}. A
 * process may be a group (PostgreSQL: the postmaster and its backends), summed.
 */
final class FleetProcesses {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  /** One sample of one process (group): seconds since the run's origin, cores used, RSS in MB. */
  record Sample(double t, double cores, double rssMb) {}

  private final Map<String, Supplier<List<Long>>> processes = new LinkedHashMap<>();
  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
  private final Map<String, long[]> last = new LinkedHashMap<>();

  /** Watches one process, or a group whose members {@code pids} lists at each sample. */
  synchronized void watch(String name, Supplier<List<Long>> pids) {
    processes.put(name, pids);
    samples.putIfAbsent(name, new ArrayList<>());
    last.remove(name);
  }

  synchronized void watch(String name, long pid) {
    watch(name, () -> List.of(pid));
  }

  /** Takes one sample of every process; the first of each only sets its CPU origin. */
  synchronized void sample(double t, long nanoTime) {
    for (Map.Entry<String, Supplier<List<Long>>> e : processes.entrySet()) {
      long ticks = 0;
      long rssKb = 0;
      for (long pid : e.getValue().get()) {
        ticks += cpuTicks(pid);
        rssKb += rssKb(pid);
      }
      long[] before = last.put(e.getKey(), new long[] {ticks, nanoTime});
      if (before != null && nanoTime > before[1]) {
        double cores = (ticks - before[0]) / TICKS_PER_SECOND / ((nanoTime - before[1]) / 1e9);
        samples.get(e.getKey()).add(new Sample(t, Math.max(0, cores), rssKb / 1024.0));
      }
    }
  }

  synchronized Map<String, List<Sample>> samples() {
    Map<String, List<Sample>> copy = new LinkedHashMap<>();
    samples.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  /** CPU time of a process in clock ticks; 0 once it is gone. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Resident set size in kB; 0 once it is gone. */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return 0;
  }

  /**
   * The PostgreSQL server listening on {@code port} and its backends: {@code pg_ctl} detaches the
   * postmaster, so it is found by its command line ({@code postgres ... -p <port>}).
   */
  static Supplier<List<Long>> postgres(int port) {
    long postmaster = postmaster(port);
    return () -> {
      List<Long> pids = new ArrayList<>();
      if (postmaster > 0) {
        pids.add(postmaster);
        ProcessHandle.of(postmaster)
            .ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
      }
      return pids;
    };
  }

  private static long postmaster(int port) {
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : proc) {
        try {
          List<String> args =
              List.of(
                  new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                      .split("\0"));
          int p = args.indexOf("-p");
          if (!args.isEmpty()
              && args.get(0).endsWith("/postgres")
              && p > 0
              && p + 1 < args.size()
              && args.get(p + 1).equals(Integer.toString(port))) {
            return Long.parseLong(dir.getFileName().toString());
          }
        } catch (IOException | RuntimeException e) {
          // a process that ended while listed, or one not ours to read
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
