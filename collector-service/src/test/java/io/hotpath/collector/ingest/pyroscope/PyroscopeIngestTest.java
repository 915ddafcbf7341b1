package io.hotpath.collector.ingest.pyroscope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PyroscopeIngestTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final UnaryOperator<byte[]> IDENTITY = bytes -> bytes;

  static PyroscopeIngest upload(String name, String format, String sampleRate, String units) {
    return new PyroscopeIngest(
        name, "1764158100", "1764158110", format, sampleRate, "javaspy", units, null, null);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<String> details(Runnable call) {
    try {
      call.run();
    } catch (InvalidRequestException e) {
      return e.violations().stream().map(Violation::describe).toList();
    }
    throw new AssertionError("expected an InvalidRequestException");
  }

  @Test
  void convertsFoldedStacksRootFirstSummingIdenticalStacks() {
    ProfileCaptured profile =
        upload("checkout.cpu{env=prod,version=1.4.2,instance=pod-1}", null, "100", null)
            .toEvents(
                "demo",
                bytes("main;work;hot 30\nmain;idle 5\r\n\nmain;work;hot 12\nmain;none 0\n"),
                NOW,
                IDENTITY)
            .get(0);

    assertThat(profile.tenant()).isEqualTo("demo");
    assertThat(profile.service()).isEqualTo("checkout");
    assertThat(profile.environment()).isEqualTo("prod");
    assertThat(profile.version()).isEqualTo("1.4.2");
    assertThat(profile.instance()).isEqualTo("pod-1");
    assertThat(profile.profileType()).isEqualTo(ProfileType.CPU);
    assertThat(profile.sampleType()).isEqualTo("cpu");
    assertThat(profile.unit()).isEqualTo("samples");
    assertThat(profile.periodNanos()).isEqualTo(10_000_000L);
    assertThat(profile.windowStart()).isEqualTo(Instant.ofEpochSecond(1764158100));
    assertThat(profile.windowEnd()).isEqualTo(Instant.ofEpochSecond(1764158110));
    assertThat(profile.stacks())
        .containsExactly(
            new StackSample(List.of("main", "work", "hot"), 42),
            new StackSample(List.of("main", "idle"), 5));
  }

  @Test
  void theSameUploadGetsTheSameEventId() {
    byte[] body = bytes("main;hot 3\n");
    PyroscopeIngest upload = upload("checkout.cpu", null, null, null);
    assertThat(upload.toEvents("demo", body, NOW, IDENTITY).get(0).eventId())
        .isEqualTo(upload.toEvents("demo", body, NOW.plusSeconds(5), IDENTITY).get(0).eventId())
        .isNotEqualTo(upload.toEvents("other", body, NOW, IDENTITY).get(0).eventId());
  }

  @Test
  void readsTheLinesFormatAsOneSampleALine() {
    ProfileCaptured profile =
        upload("checkout.alloc_in_new_tlab_objects", "lines", null, "objects")
            .toEvents("demo", bytes("main;alloc\nmain;alloc\nmain;other\n"), NOW, IDENTITY)
            .get(0);

    assertThat(profile.profileType()).isEqualTo(ProfileType.ALLOCATION);
    assertThat(profile.unit()).isEqualTo("objects");
    assertThat(profile.stacks())
        .containsExactly(
            new StackSample(List.of("main", "alloc"), 2),
            new StackSample(List.of("main", "other"), 1));
  }

  @Test
  void namesEachBadFoldedLineByItsNumber() {
    assertThat(
            details(
                () ->
                    upload("checkout.cpu", null, null, null)
                        .toEvents(
                            "demo",
                            bytes("main;ok 1\nmain;no-count\nmain;bad x\n 4\n"),
                            NOW,
                            IDENTITY)))
        .containsExactly(
            "line 2: expected 'frame;frame;... count', found no count",
            "line 3: the count 'x' is not an integer",
            "line 4: the stack is empty");
  }

  @Test
  void namesEveryBadQueryParameter() {
    PyroscopeIngest upload =
        new PyroscopeIngest(
            "checkout.cpu{env", "soon", "1764158110", "xml", "0", null, "parsecs", "max", null);
    assertThat(details(() -> upload.toEvents("demo", bytes("main 1"), NOW, IDENTITY)))
        .hasSize(6)
        .allSatisfy(detail -> assertThat(detail).contains("(query parameter "));
  }

  @Test
  void refusesAWindowThatEndsBeforeItStarts() {
    PyroscopeIngest upload =
        new PyroscopeIngest(
            "checkout.cpu", "1764158110", "1764158100", null, null, null, null, null, null);
    assertThat(details(() -> upload.toEvents("demo", bytes("main 1"), NOW, IDENTITY)))
        .containsExactly("until must not be before from (query parameter until)");
  }

  @Test
  void readsAJfrRecordingIntoACpuProfileWhoseHottestStackIsTheBusyMethod() throws Exception {
    byte[] recording = JfrRecordings.ofBusyCpu();

    List<ProfileCaptured> profiles =
        upload("checkout.cpu", "jfr", "100", null).toEvents("demo", recording, NOW, IDENTITY);

    ProfileCaptured cpu =
        profiles.stream().filter(p -> p.profileType() == ProfileType.CPU).findFirst().orElseThrow();
    assertThat(cpu.unit()).isEqualTo("samples");
    StackSample hottest =
        cpu.stacks().stream()
            .max(java.util.Comparator.comparingLong(StackSample::value))
            .orElseThrow();
    assertThat(hottest.frames()).last().asString().endsWith("JfrRecordings.burnCpu");
  }

  @Test
  void aJfrRecordingGivesTheSameProfileAsItsStacksSentFolded() throws Exception {
    byte[] recording = JfrRecordings.ofBusyCpu();
    ProfileCaptured fromJfr =
        upload("checkout.cpu", "jfr", "100", null)
            .toEvents("demo", recording, NOW, IDENTITY)
            .stream()
            .filter(p -> p.profileType() == ProfileType.CPU)
            .findFirst()
            .orElseThrow();

    // The same samples, read by the JDK's own jfr tool and folded here.
    String folded = foldedByTheJfrTool(recording);
    ProfileCaptured fromFolded =
        upload("checkout.cpu", null, "100", null)
            .toEvents("demo", bytes(folded), NOW, IDENTITY)
            .get(0);

    assertThat(fromJfr.stacks()).isNotEmpty();
    assertThat(fromJfr.stacks()).containsExactlyInAnyOrderElementsOf(fromFolded.stacks());
    assertThat(fromJfr.unit()).isEqualTo(fromFolded.unit());
    assertThat(fromJfr.sampleType()).isEqualTo(fromFolded.sampleType());
  }

  /** {@code jfr print --json} of the execution samples, as folded lines, one per sample. */
  static String foldedByTheJfrTool(byte[] recording) throws Exception {
    Path file = Files.createTempFile("hotpath-test-", ".jfr");
    try {
      Files.write(file, recording);
      Process jfr =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
                  "print",
                  "--json",
                  "--stack-depth",
                  "64",
                  "--events",
                  "jdk.ExecutionSample",
                  file.toString())
              .redirectErrorStream(true)
              .start();
      JsonNode printed = EventJson.mapper().readTree(jfr.getInputStream());
      assertThat(jfr.waitFor()).isZero();
      StringBuilder folded = new StringBuilder();
      for (JsonNode event : printed.path("recording").path("events")) {
        List<String> frames = new ArrayList<>();
        for (JsonNode frame : event.path("values").path("stackTrace").path("frames")) {
          JsonNode method = frame.path("method");
          frames.add(
              0,
              method.path("type").path("name").asText().replace('/', '.')
                  + "."
                  + method.path("name").asText());
        }
        if (!frames.isEmpty()) {
          folded.append(String.join(";", frames)).append(" 1\n");
        }
      }
      return folded.toString();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void refusesABodyThatIsNotJfr() {
    assertThat(
            details(
                () ->
                    upload("checkout.cpu", "jfr", null, null)
                        .toEvents("demo", bytes("main;hot 1\n"), NOW, IDENTITY)))
        .singleElement()
        .asString()
        .startsWith("the body is not a JFR recording");
  }

  @Test
  void anEmptyBodyIsNoProfile() {
    assertThat(
            upload("checkout.cpu", null, null, null).toEvents("demo", bytes("\n"), NOW, IDENTITY))
        .isEmpty();
  }

  @Test
  void aPprofProfileOfTheSameStacksGivesTheSameProfileAsFolded() {
    PyroscopeIngest folded = upload("checkout.cpu", null, "100", null);
    ProfileCaptured fromFolded =
        folded.toEvents("demo", bytes("main;work;hot 42\nmain;idle 5\n"), NOW, IDENTITY).get(0);

    Map<List<String>, Long> stacks = new LinkedHashMap<>();
    stacks.put(List.of("main", "work", "hot"), 42L);
    stacks.put(List.of("main", "idle"), 5L);
    ProfileCaptured fromPprof =
        upload("checkout.cpu", "pprof", null, null)
            .toEvents("demo", PprofSamples.cpu(stacks), NOW, IDENTITY)
            .get(0);

    assertThat(fromPprof.profileType()).isEqualTo(fromFolded.profileType());
    assertThat(fromPprof.periodNanos()).isEqualTo(fromFolded.periodNanos());
    assertThat(fromPprof.unit()).isEqualTo("nanoseconds");
    assertThat(fromPprof.stacks())
        .containsExactly(
            new StackSample(List.of("main", "work", "hot"), 420_000_000L),
            new StackSample(List.of("main", "idle"), 50_000_000L));
    assertThat(fromPprof.stacks())
        .extracting(StackSample::frames)
        .containsExactlyElementsOf(fromFolded.stacks().stream().map(StackSample::frames).toList());
  }

  @Test
  void refusesABodyThatIsNotPprof() {
    assertThat(
            details(
                () ->
                    upload("checkout.cpu", "pprof", null, null)
                        .toEvents("demo", bytes("main;hot 1\n"), NOW, IDENTITY)))
        .singleElement()
        .asString()
        .startsWith("the body is not a pprof profile");
  }
}
