package io.hotpath.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The services' JDK AOT caches (JDK 25+, JEP 483/514/515), kept as {@code bin/hotpath} keeps them:
 * {@code <dir>/<service>.aot}, trained by one start to ready and written by the JVM as it exits. A
 * cache belongs to one build of the service (it must be newer than the jar), one {@code java} and
 * one set of JVM options (its {@code .key} file, the same text {@code bin/hotpath} writes); any
 * other is stale and trained again.
 */
final class FleetAot {
  /** What a JVM prints once it wrote the cache. */
  private static final String WRITTEN = "AOTCache creation is complete";

  private FleetAot() {}

  static Path cache(Path dir, String name) {
    return dir.resolve(name + ".aot");
  }

  /** The cache's key: the java and the JVM options, separated by spaces. */
  static String key(Path java, List<String> jvmOptions) {
    return java + " " + String.join(" ", jvmOptions);
  }

  /** Whether {@code name}'s cache exists, is newer than its jar, and was trained with this key. */
  static boolean fresh(Path dir, String name, Path jar, String key) {
    Path cache = cache(dir, name);
    Path keyFile = dir.resolve(name + ".aot.key");
    try {
      return Files.isRegularFile(cache)
          && Files.isRegularFile(keyFile)
          && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) > 0
          && Files.readString(keyFile).strip().equals(key.strip());
    } catch (IOException e) {
      return false;
    }
  }

  /** The JVM option that starts {@code name} from its cache; none when it has no fresh one. */
  static List<String> use(FleetOptions options, String name, List<String> jvm) {
    if (options.aotDir() == null
        || !fresh(
            options.aotDir(),
            name,
            FleetBench.jar(options, name),
            key(options.serviceJava(), jvm))) {
      return List.of();
    }
    return List.of("-XX:AOTCache=" + cache(options.aotDir(), name).toAbsolutePath());
  }

  /** The services that start from an AOT cache. */
  static List<String> cached(FleetOptions options) {
    List<String> names = new ArrayList<>();
    for (String name : FleetBench.SERVICES) {
      if (!use(options, name, FleetBench.jvmOf(options, name)).isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Trains the caches that are missing or stale: those services start together with {@code
   * -XX:AOTCacheOutput}, are stopped once ready, and each JVM writes its cache as it exits.
   */
  static void trainMissing(FleetOptions options, FleetStack stack) throws Exception {
    if (options.aotDir() == null) {
      return;
    }
    List<String> names = new ArrayList<>(FleetBench.SERVICES);
    names.removeAll(cached(options));
    if (names.isEmpty()) {
      return;
    }
    System.out.println("training AOT caches for " + names + " (once per build; not measured)");
    Files.createDirectories(options.aotDir());
    List<PackagedService> training = new ArrayList<>();
    try {
      for (String name : names) {
        Files.deleteIfExists(cache(options.aotDir(), name));
        Files.deleteIfExists(options.aotDir().resolve(name + ".aot.key"));
        List<String> jvm = new ArrayList<>(FleetBench.jvmOf(options, name));
        jvm.add("-XX:AOTCacheOutput=" + cache(options.aotDir(), name).toAbsolutePath());
        training.add(
            FleetBench.start(
                options, stack, name, "aot-training", false, jvm, options.serviceJava()));
      }
      FleetBench.awaitReady(training);
    } finally {
      training.parallelStream().forEach(s -> s.close(Duration.ofMinutes(5)));
    }
    for (PackagedService service : training) {
      String name = service.name();
      if (Files.readString(service.log()).contains(WRITTEN)) {
        Files.writeString(
            options.aotDir().resolve(name + ".aot.key"),
            key(options.serviceJava(), FleetBench.jvmOf(options, name)) + "\n");
      } else {
        Files.deleteIfExists(cache(options.aotDir(), name));
        System.out.println("  no AOT cache for " + name + "; see " + service.log());
      }
    }
  }
}
