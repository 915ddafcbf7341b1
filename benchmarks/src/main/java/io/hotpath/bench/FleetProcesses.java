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
 * process may be a group (PostgreSQL: the postmaster and its backends), summed. Of a JVM's CPU, the
 * share of its JIT compiler threads and of its VM thread (which runs the serial collector's
 * collections) is read from its threads' {@code /proc/<pid>/task/<tid>/stat}: a service that was
 * just started spends part of the fleet window compiling, which a long-running one does not.
 */
final class FleetProcesses {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  /**
   * One sample of one process (group): seconds since the run's origin, cores used, RSS in MB; of
   * the cores, those of its JIT compiler threads and of its VM thread (0 for a process that is not
   * a JVM).
   */
  record Sample(double t, double cores, double rssMb, double jitCores, double vmThreadCores) {}

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
      long jitTicks = 0;
      long vmTicks = 0;
      long rssKb = 0;
      for (long pid : e.getValue().get()) {
        ticks += cpuTicks(pid);
        long[] jvm = jvmThreadTicks(pid);
        jitTicks += jvm[0];
        vmTicks += jvm[1];
        rssKb += rssKb(pid);
      }
      long[] before = last.put(e.getKey(), new long[] {ticks, nanoTime, jitTicks, vmTicks});
      if (before != null && nanoTime > before[1]) {
        double seconds = (nanoTime - before[1]) / 1e9;
        samples
            .get(e.getKey())
            .add(
                new Sample(
                    t,
                    cores(ticks - before[0], seconds),
                    rssKb / 1024.0,
                    cores(jitTicks - before[2], seconds),
                    cores(vmTicks - before[3], seconds)));
      }
    }
  }

  private static double cores(long ticks, double seconds) {
    return Math.max(0, ticks / TICKS_PER_SECOND / seconds);
  }

  synchronized Map<String, List<Sample>> samples() {
    Map<String, List<Sample>> copy = new LinkedHashMap<>();
    samples.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  /** CPU time of a process in clock ticks; 0 once it is gone. */
  static long cpuTicks(long pid) {
    return statTicks(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /**
   * CPU time in clock ticks of a JVM's JIT compiler threads ({@code C1/C2 CompilerThread<n>}) and
   * of its {@code VM Thread}; zeros for a process that is not a JVM, or is gone.
   */
  static long[] jvmThreadTicks(long pid) {
    long[] ticks = new long[2];
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        String name;
        try {
          name = Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
          continue; // a thread that ended while listed
        }
        // comm holds the first 15 characters of the thread's name
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
          ticks[0] += statTicks(task.resolve("stat"));
        } else if (name.equals("VM Thread")) {
          ticks[1] += statTicks(task.resolve("stat"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return ticks;
  }

  /** {@code utime + stime} of a {@code stat} file of a process or a thread; 0 once it is gone. */
  private static long statTicks(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
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
