package io.hotpath.collector.ingest.pyroscope;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds pprof profiles for tests, written field by field as the pprof encoders do: Go's CPU layout
 * ({@code samples/count, cpu/nanoseconds}, period 10 ms), each stack with one location per frame,
 * leaf first.
 */
public final class PprofSamples {
  private PprofSamples() {}

  /**
   * A CPU profile of {@code stacks} (frames root first, as in folded), each with {@code samples}
   * samples of 10 ms.
   */
  public static byte[] cpu(Map<List<String>, Long> stacks) {
    List<String> strings = new ArrayList<>(List.of("", "samples", "count", "cpu", "nanoseconds"));
    Map<String, Integer> functionIds = new LinkedHashMap<>();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeByteArray(1, valueType(1, 2));
      out.writeByteArray(1, valueType(3, 4));
      for (Map.Entry<List<String>, Long> stack : stacks.entrySet()) {
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(sample);
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        CodedOutputStream packed = CodedOutputStream.newInstance(ids);
        List<String> frames = stack.getKey();
        for (int i = frames.size() - 1; i >= 0; i--) {
          String frame = frames.get(i);
          if (!functionIds.containsKey(frame)) {
            functionIds.put(frame, functionIds.size() + 1);
            strings.add(frame);
          }
          packed.writeUInt64NoTag(functionIds.get(frame));
        }
        packed.flush();
        s.writeByteArray(1, ids.toByteArray());
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        CodedOutputStream v = CodedOutputStream.newInstance(values);
        v.writeInt64NoTag(stack.getValue());
        v.writeInt64NoTag(stack.getValue() * 10_000_000L);
        v.flush();
        s.writeByteArray(2, values.toByteArray());
        s.flush();
        out.writeByteArray(2, sample.toByteArray());
      }
      // Location id = function id; one line each.
      for (Map.Entry<String, Integer> function : functionIds.entrySet()) {
        int id = function.getValue();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        CodedOutputStream l = CodedOutputStream.newInstance(line);
        l.writeUInt64(1, id);
        l.writeInt64(2, 10 + id);
        l.flush();
        ByteArrayOutputStream location = new ByteArrayOutputStream();
        CodedOutputStream loc = CodedOutputStream.newInstance(location);
        loc.writeUInt64(1, id);
        loc.writeByteArray(4, line.toByteArray());
        loc.flush();
        out.writeByteArray(4, location.toByteArray());
        ByteArrayOutputStream fn = new ByteArrayOutputStream();
        CodedOutputStream f = CodedOutputStream.newInstance(fn);
        f.writeUInt64(1, id);
        f.writeInt64(2, strings.indexOf(function.getKey()));
        f.flush();
        out.writeByteArray(5, fn.toByteArray());
      }
      for (String string : strings) {
        out.writeString(6, string);
      }
      out.writeByteArray(11, valueType(3, 4));
      out.writeInt64(12, 10_000_000L);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] valueType(int type, int unit) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeInt64(1, type);
    out.writeInt64(2, unit);
    out.flush();
    return bytes.toByteArray();
  }
}
