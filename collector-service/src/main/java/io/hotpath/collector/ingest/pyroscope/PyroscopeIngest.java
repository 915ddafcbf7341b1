package io.hotpath.collector.ingest.pyroscope;

import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.contracts.Events;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The query parameters of one Pyroscope {@code POST /ingest}, and their conversion with the body
 * into {@link ProfileCaptured}s: the text formats ({@code folded}, {@code lines}), {@code pprof}
 * (raw or the {@code profile} part of a multipart body) and {@code jfr} (raw or the {@code jfr}
 * part), the binary ones gzipped or not.
 */
public record PyroscopeIngest(
    String name,
    String from,
    String until,
    String format,
    String sampleRate,
    String spyName,
    String units,
    String aggregationType,
    String contentType) {
  static final long DEFAULT_SAMPLE_RATE_HZ = 100;

  /** Pyroscope's {@code units} and the unit name the contract uses for them. */
  static final Map<String, String> UNITS =
      Map.of(
          "samples", "samples",
          "objects", "objects",
          "bytes", "bytes",
          "goroutines", "goroutines",
          "lock_samples", "samples",
          "lock_nanoseconds", "nanoseconds",
          "nanoseconds", "nanoseconds");

  /**
   * Checks the parameters and the body and builds the profiles.
   *
   * @param tenant from the caller's token
   * @param receivedAt {@code from} and {@code until} when the agent sent none
   * @param inflate undoes gzip (under the collector's limit) where the profile itself is gzipped
   * @return the profiles: one for the text formats and pprof, one per kind found for JFR; none when
   *     the body holds no samples
   * @throws InvalidRequestException naming every bad parameter, or the bad lines of the body
   */
  public List<ProfileCaptured> toEvents(
      String tenant, byte[] body, Instant receivedAt, UnaryOperator<byte[]> inflate) {
    String fmt = format == null || format.isBlank() ? "folded" : format.trim();
    List<Violation> problems = new ArrayList<>();
    ProfileName profileName = null;
    try {
      profileName = ProfileName.parse(name);
    } catch (IllegalArgumentException e) {
      problems.add(parameter("name", e.getMessage()));
    }
    Instant start = time(from, "from", receivedAt, problems);
    Instant end = time(until, "until", receivedAt, problems);
    if (start != null && end != null && end.isBefore(start)) {
      problems.add(parameter("until", "until must not be before from"));
    }
    if (!List.of("folded", "lines", "pprof", "jfr").contains(fmt)) {
      problems.add(
          parameter("format", "format must be folded, lines, pprof or jfr, not '" + fmt + "'"));
    }
    long rate = DEFAULT_SAMPLE_RATE_HZ;
    if (sampleRate != null && !sampleRate.isBlank()) {
      try {
        rate = Long.parseLong(sampleRate.trim());
      } catch (NumberFormatException e) {
        rate = 0;
      }
      if (rate <= 0) {
        problems.add(parameter("sampleRate", "sampleRate must be a positive integer (Hz)"));
      }
    }
    String unit = units == null || units.isBlank() ? "samples" : UNITS.get(units.trim());
    if (unit == null) {
      problems.add(
          parameter(
              "units", "units must be one of " + String.join(", ", new TreeSet<>(UNITS.keySet()))));
    }
    String aggregation = aggregationType == null ? "sum" : aggregationType.trim();
    if (!aggregation.equals("sum") && !aggregation.equals("average")) {
      problems.add(parameter("aggregationType", "aggregationType must be sum or average"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }

    long periodNanos = 1_000_000_000L / rate;
    ProfileName named = profileName;
    List<ParsedProfile> parsed =
        switch (fmt) {
          case "pprof" -> {
            PprofProfile.Read read =
                PprofProfile.parse(inflate.apply(part(body, "profile")), named.sampleType());
            yield List.of(
                new ParsedProfile(
                    named.profileType(),
                    named.sampleType(),
                    read.unit(),
                    read.periodNanos() > 0 ? read.periodNanos() : periodNanos,
                    read.stacks()));
          }
          case "jfr" -> JfrProfiles.parse(inflate.apply(part(body, "jfr")), named, periodNanos);
          default ->
              List.of(
                  new ParsedProfile(
                      named.profileType(),
                      named.sampleType(),
                      unit,
                      periodNanos,
                      FoldedStacks.parse(body, fmt.equals("folded"))));
        };
    return parsed.stream()
        .filter(profile -> !profile.stacks().isEmpty())
        .map(
            profile ->
                new ProfileCaptured(
                    eventId(tenant, body, profile.sampleType()),
                    Events.SCHEMA_VERSION,
                    tenant,
                    named.service(),
                    named.label("default", "env", "environment", "deployment.environment"),
                    named.label("unknown", "version", "service_version", "service.version"),
                    named.label(null, "instance", "hostname", "pod", "host"),
                    end,
                    profile.profileType(),
                    profile.sampleType(),
                    profile.unit(),
                    profile.periodNanos(),
                    start,
                    end,
                    profile.stacks()))
        .toList();
  }

  /**
   * The part {@code name} of a multipart body, as Pyroscope agents send pprof and JFR; else all.
   */
  private byte[] part(byte[] body, String name) {
    return MultipartBodies.isMultipart(contentType)
        ? MultipartBodies.part(body, contentType, name)
        : body;
  }

  /** The tenant a {@code tenant} label in the name asks for; null when there is none. */
  public String tenantLabel() {
    try {
      return ProfileName.parse(name).labels().get("tenant");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant time(
      String value, String parameter, Instant otherwise, List<Violation> problems) {
    try {
      return IngestTime.parse(value, parameter, otherwise);
    } catch (IllegalArgumentException e) {
      problems.add(parameter(parameter, e.getMessage()));
      return null;
    }
  }

  private static Violation parameter(String name, String detail) {
    return Violation.ofParameter(name, detail);
  }

  /**
   * A name-based UUID of the tenant, the parameters and the body: an agent retrying the same upload
   * produces the same id, so consumers drop the repeat.
   */
  private UUID eventId(String tenant, byte[] body, String sampleType) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          String.join(
                  "\u001f",
                  "pyroscope",
                  tenant,
                  name,
                  from,
                  until,
                  format,
                  sampleRate,
                  units,
                  sampleType)
              .getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      return UUID.nameUUIDFromBytes(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
