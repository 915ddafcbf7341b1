package io.hotpath.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording's execution samples, by self time (top frame) and by total
 * time (anywhere on the stack): enough to see where the collector spends its CPU.
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: jfr-top FILE.jfr [N]");
      System.exit(2);
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    System.out.print(summary(Path.of(args[0]), top));
  }

  /**
   * The recording's execution samples, and its hottest methods by self and by total samples, then
   * by total among Hotpath's own methods (framework frames crowd the plain total list).
   */
  static String summary(Path recording, int top) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    long samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        self.merge(name(frames.get(0)), 1L, Long::sum);
      }
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String name = name(frame);
        if (seen.add(name)) {
          total.merge(name, 1L, Long::sum);
        }
      }
    }
    StringBuilder out = new StringBuilder(samples + " execution samples\n");
    print(out, "self", self, samples, top);
    print(out, "total", total, samples, top);
    Map<String, Long> own = new HashMap<>(total);
    own.keySet().removeIf(name -> !name.startsWith("io.hotpath."));
    print(out, "total, Hotpath's own methods", own, samples, top);
    return out.toString();
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void print(
      StringBuilder out, String title, Map<String, Long> counts, long samples, int top) {
    out.append("\nby ").append(title).append(":\n");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "%6.1f %%  %s%n",
                        100.0 * e.getValue() / samples,
                        e.getKey())));
  }
}
