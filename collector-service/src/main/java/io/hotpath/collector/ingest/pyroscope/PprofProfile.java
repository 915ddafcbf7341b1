package io.hotpath.collector.ingest.pyroscope;

import com.google.protobuf.CodedInputStream;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.contracts.telemetry.StackSample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pprof profile ({@code perftools.profiles.Profile}, uncompressed protobuf) into aggregated
 * stacks of one of its sample types. Only the fields that name stacks and values are read: sample
 * types, samples, locations with their lines, functions, the string table and the period.
 */
public final class PprofProfile {
  /** The stacks of the chosen sample type, with its unit and the profile's period. */
  public record Read(String sampleType, String unit, long periodNanos, List<StackSample> stacks) {}

  private record ValueType(long type, long unit) {}

  private record Sample(List<Long> locationIds, List<Long> values) {}

  private PprofProfile() {}

  /**
   * Parses {@code body} and keeps the values of the sample type named {@code wanted}, else of the
   * last sample type (pprof writers put the main one last, e.g. Go's {@code samples, cpu}).
   *
   * @throws InvalidRequestException when the body is not a pprof profile
   */
  public static Read parse(byte[] body, String wanted) {
    List<ValueType> sampleTypes = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    Map<Long, List<Long>> locationFunctions = new HashMap<>();
    Map<Long, Long> functionNames = new HashMap<>();
    List<String> strings = new ArrayList<>();
    ValueType periodType = null;
    long period = 0;
    try {
      CodedInputStream in = CodedInputStream.newInstance(body);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag >>> 3) {
          case 1 -> sampleTypes.add(valueType(in.readBytes().toByteArray()));
          case 2 -> samples.add(sample(in.readBytes().toByteArray()));
          case 4 -> location(in.readBytes().toByteArray(), locationFunctions);
          case 5 -> function(in.readBytes().toByteArray(), functionNames);
          case 6 -> strings.add(in.readStringRequireUtf8());
          case 11 -> periodType = valueType(in.readBytes().toByteArray());
          case 12 -> period = in.readInt64();
          default -> in.skipField(tag);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw invalid("the body is not a pprof profile: " + e.getMessage());
    }
    if (sampleTypes.isEmpty()) {
      throw invalid("the pprof profile has no sample types");
    }
    int index = sampleTypes.size() - 1;
    for (int i = 0; i < sampleTypes.size(); i++) {
      if (string(strings, sampleTypes.get(i).type()).equals(wanted)) {
        index = i;
      }
    }
    Map<List<String>, Long> stacks = new LinkedHashMap<>();
    for (Sample sample : samples) {
      if (index >= sample.values().size()) {
        throw invalid("a pprof sample has fewer values than the profile has sample types");
      }
      long value = sample.values().get(index);
      if (value <= 0) {
        continue;
      }
      // pprof lists the leaf first, and a location's inlined lines callee first: reverse both.
      List<String> frames = new ArrayList<>();
      for (int i = sample.locationIds().size() - 1; i >= 0; i--) {
        List<Long> functions = locationFunctions.get(sample.locationIds().get(i));
        if (functions == null) {
          throw invalid("a pprof sample names the unknown location " + sample.locationIds().get(i));
        }
        for (int j = functions.size() - 1; j >= 0; j--) {
          Long name = functionNames.get(functions.get(j));
          frames.add(name == null ? "unknown" : string(strings, name));
        }
      }
      if (!frames.isEmpty()) {
        stacks.merge(List.copyOf(frames), value, FoldedStacks::saturatedSum);
      }
    }
    ValueType chosen = sampleTypes.get(index);
    long periodNanos =
        periodType != null && string(strings, periodType.unit()).equals("nanoseconds") ? period : 0;
    return new Read(
        string(strings, chosen.type()),
        string(strings, chosen.unit()),
        periodNanos,
        FoldedStacks.toSamples(stacks));
  }

  private static ValueType valueType(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    long type = 0;
    long unit = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 1 -> type = in.readInt64();
        case 2 -> unit = in.readInt64();
        default -> in.skipField(tag);
      }
    }
    return new ValueType(type, unit);
  }

  private static Sample sample(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    List<Long> locations = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 1 -> readVarints(in, tag, locations);
        case 2 -> readVarints(in, tag, values);
        default -> in.skipField(tag);
      }
    }
    return new Sample(locations, values);
  }

  private static void location(byte[] bytes, Map<Long, List<Long>> locationFunctions)
      throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    long id = 0;
    List<Long> functions = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 1 -> id = in.readUInt64();
        case 4 -> functions.add(lineFunction(in.readBytes().toByteArray()));
        default -> in.skipField(tag);
      }
    }
    locationFunctions.put(id, functions);
  }

  private static long lineFunction(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    long function = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag >>> 3 == 1) {
        function = in.readUInt64();
      } else {
        in.skipField(tag);
      }
    }
    return function;
  }

  private static void function(byte[] bytes, Map<Long, Long> functionNames) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    long id = 0;
    long name = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 1 -> id = in.readUInt64();
        case 2 -> name = in.readInt64();
        default -> in.skipField(tag);
      }
    }
    functionNames.put(id, name);
  }

  /** A repeated varint field, packed (wire type 2) or not. */
  private static void readVarints(CodedInputStream in, int tag, List<Long> into)
      throws IOException {
    if ((tag & 7) == 2) {
      int limit = in.pushLimit(in.readRawVarint32());
      while (in.getBytesUntilLimit() > 0) {
        into.add(in.readRawVarint64());
      }
      in.popLimit(limit);
    } else {
      into.add(in.readRawVarint64());
    }
  }

  private static String string(List<String> strings, long index) {
    if (index < 0 || index >= strings.size()) {
      throw invalid("a pprof string index " + index + " is outside the string table");
    }
    return strings.get((int) index);
  }

  private static InvalidRequestException invalid(String detail) {
    return new InvalidRequestException(List.of(new Violation("", detail)));
  }
}
