package io.hotpath.collector.ingest.pyroscope;

import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.contracts.telemetry.ProfileType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording (what the Pyroscope Java agent sends by default) with the JDK's {@code
 * jdk.jfr.consumer} API into up to four profiles: CPU (or wall, as the name says) from {@code
 * jdk.ExecutionSample}, allocations in and outside TLABs in bytes, and lock waits ({@code
 * jdk.JavaMonitorEnter}, {@code jdk.ThreadPark}) in nanoseconds.
 */
final class JfrProfiles {
  private JfrProfiles() {}

  /**
   * Parses {@code recording}.
   *
   * @param name says whether execution samples are CPU or wall-clock
   * @param periodNanos the sampling period of execution samples
   * @throws InvalidRequestException when it is not a JFR recording
   */
  static List<ParsedProfile> parse(byte[] recording, ProfileName name, long periodNanos) {
    boolean wall = name.profileType() == ProfileType.WALL;
    ParsedProfile execution =
        new ParsedProfile(
            wall ? ProfileType.WALL : ProfileType.CPU,
            wall ? name.sampleType() : "cpu",
            "samples",
            periodNanos,
            List.of());
    ParsedProfile inTlab =
        new ParsedProfile(ProfileType.ALLOCATION, "alloc_in_new_tlab_bytes", "bytes", 0, List.of());
    ParsedProfile outsideTlab =
        new ParsedProfile(
            ProfileType.ALLOCATION, "alloc_outside_tlab_bytes", "bytes", 0, List.of());
    ParsedProfile lock =
        new ParsedProfile(ProfileType.LOCK, "lock_duration", "nanoseconds", 0, List.of());
    Map<ParsedProfile, Map<List<String>, Long>> stacks = new LinkedHashMap<>();
    for (ParsedProfile profile : List.of(execution, inTlab, outsideTlab, lock)) {
      stacks.put(profile, new LinkedHashMap<>());
    }

    Path file = null;
    try {
      file = Files.createTempFile("hotpath-upload-", ".jfr");
      Files.write(file, recording);
      try (RecordingFile events = new RecordingFile(file)) {
        while (events.hasMoreEvents()) {
          RecordedEvent event = events.readEvent();
          ParsedProfile profile;
          long value;
          switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> {
              profile = execution;
              value = 1;
            }
            case "jdk.ObjectAllocationInNewTLAB" -> {
              profile = inTlab;
              value = event.getLong("tlabSize");
            }
            case "jdk.ObjectAllocationOutsideTLAB" -> {
              profile = outsideTlab;
              value = event.getLong("allocationSize");
            }
            case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> {
              profile = lock;
              value = event.getDuration().toNanos();
            }
            default -> {
              continue;
            }
          }
          List<String> frames = framesOf(event.getStackTrace());
          if (value > 0 && !frames.isEmpty()) {
            stacks.get(profile).merge(frames, value, FoldedStacks::saturatedSum);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException(
          List.of(new Violation("", "the body is not a JFR recording: " + e.getMessage())), e);
    } finally {
      deleteQuietly(file);
    }
    List<ParsedProfile> profiles = new ArrayList<>();
    stacks.forEach(
        (profile, found) ->
            profiles.add(
                new ParsedProfile(
                    profile.profileType(),
                    profile.sampleType(),
                    profile.unit(),
                    profile.periodNanos(),
                    FoldedStacks.toSamples(found))));
    return profiles;
  }

  /** Root first; JFR lists the top frame first. */
  private static List<String> framesOf(RecordedStackTrace trace) {
    if (trace == null) {
      return List.of();
    }
    List<RecordedFrame> recorded = trace.getFrames();
    List<String> frames = new ArrayList<>(recorded.size());
    for (int i = recorded.size() - 1; i >= 0; i--) {
      RecordedFrame frame = recorded.get(i);
      frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
    }
    return List.copyOf(frames);
  }

  /** A temporary file that cannot be deleted now is no fault of the upload: delete it later. */
  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
