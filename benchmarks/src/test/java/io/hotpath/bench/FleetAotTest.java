package io.hotpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the bench starts a service from an AOT cache, and when it trains the cache again. */
class FleetAotTest {
  @TempDir Path root;

  private Path jar(String name) throws Exception {
    Path jar = root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {1});
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    return jar;
  }

  private FleetOptions options(Path aotDir) {
    return FleetOptions.parse(
        "--root",
        root.toString(),
        "--service-java",
        "/opt/jdk-25/bin/java",
        "--aot-dir",
        aotDir.toString());
  }

  private static void cache(Path dir, String name, String key, String modified) throws Exception {
    Files.createDirectories(dir);
    Path cache = dir.resolve(name + ".aot");
    Files.write(cache, new byte[] {1});
    Files.setLastModifiedTime(cache, FileTime.from(Instant.parse(modified)));
    Files.writeString(dir.resolve(name + ".aot.key"), key + "\n");
  }

  @Test
  void startsFromACacheTrainedWithTheSameJavaAndOptionsAfterTheBuild() throws Exception {
    jar("tracker");
    Path dir = root.resolve("aot");
    FleetOptions options = options(dir);
    List<String> jvm = FleetBench.jvmOf(options, "tracker");
    cache(dir, "tracker", "/opt/jdk-25/bin/java " + String.join(" ", jvm), "2026-01-02T00:00:00Z");

    assertThat(FleetAot.use(options, "tracker", jvm))
        .containsExactly("-XX:AOTCache=" + dir.resolve("tracker.aot").toAbsolutePath());
    assertThat(FleetAot.cached(options)).containsExactly("tracker");
  }

  @Test
  void aRecordingRunLoadsTheJfrModuleAndSoDoesNotStartFromACacheTrainedWithoutIt()
      throws Exception {
    jar("tracker");
    Path dir = root.resolve("aot");
    FleetOptions plain = options(dir);
    FleetOptions recording =
        FleetOptions.parse(
            "--root",
            root.toString(),
            "--service-java",
            "/opt/jdk-25/bin/java",
            "--aot-dir",
            dir.toString(),
            "--jfr");
    List<String> plainJvm = FleetBench.jvmOf(plain, "tracker");
    cache(
        dir,
        "tracker",
        "/opt/jdk-25/bin/java " + String.join(" ", plainJvm),
        "2026-01-02T00:00:00Z");

    assertThat(FleetBench.jvmOf(recording, "tracker")).endsWith(FleetBench.JFR_MODULE);
    assertThat(plainJvm).doesNotContain(FleetBench.JFR_MODULE);
    assertThat(FleetAot.use(recording, "tracker", FleetBench.jvmOf(recording, "tracker")))
        .isEmpty();
    assertThat(FleetAot.use(plain, "tracker", plainJvm)).isNotEmpty();
  }

  @Test
  void aCacheOlderThanTheJarIsStale() throws Exception {
    jar("tracker");
    Path dir = root.resolve("aot");
    FleetOptions options = options(dir);
    List<String> jvm = FleetBench.jvmOf(options, "tracker");
    cache(dir, "tracker", "/opt/jdk-25/bin/java " + String.join(" ", jvm), "2025-12-31T00:00:00Z");

    assertThat(FleetAot.use(options, "tracker", jvm)).isEmpty();
  }

  @Test
  void aCacheTrainedWithOtherJvmOptionsOrAnotherJavaIsStale() throws Exception {
    jar("collector");
    jar("planner");
    Path dir = root.resolve("aot");
    FleetOptions options = options(dir);
    List<String> jvm = FleetBench.jvmOf(options, "collector");
    cache(dir, "collector", "/opt/jdk-25/bin/java -Xmx1g", "2026-01-02T00:00:00Z");
    cache(dir, "planner", "/opt/jdk-26/bin/java " + String.join(" ", jvm), "2026-01-02T00:00:00Z");

    assertThat(FleetAot.use(options, "collector", jvm)).isEmpty();
    assertThat(FleetAot.use(options, "planner", jvm)).isEmpty();
    assertThat(FleetAot.cached(options)).isEmpty();
  }

  @Test
  void noCacheDirectoryMeansNoCache() throws Exception {
    jar("analyzer");
    FleetOptions options = FleetOptions.parse("--root", root.toString());
    assertThat(options.aotDir()).isNull();
    assertThat(options.serviceJava()).isEqualTo(FleetOptions.THIS_JAVA);
    assertThat(FleetAot.use(options, "analyzer", FleetBench.jvmOf(options, "analyzer"))).isEmpty();
  }
}
