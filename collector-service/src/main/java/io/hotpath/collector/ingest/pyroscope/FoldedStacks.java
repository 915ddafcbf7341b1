package io.hotpath.collector.ingest.pyroscope;

import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import io.hotpath.contracts.telemetry.StackSample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Pyroscope's text formats into aggregated stacks: {@code folded} ({@code root;caller;leaf
 * 42} a line) and {@code lines} (one stack a line, each one sample). Identical stacks are summed;
 * stacks with a zero count are dropped.
 */
public final class FoldedStacks {
  /**
   * Errors beyond this many are summarized: a wholly wrong body need not be listed line by line.
   */
  static final int MAX_REPORTED_ERRORS = 10;

  private FoldedStacks() {}

  /**
   * Parses a body.
   *
   * @param withCounts {@code folded}: every line ends in a space and its count; {@code lines}: it
   *     does not
   * @throws InvalidRequestException naming every bad line by its number (from 1)
   */
  public static List<StackSample> parse(byte[] body, boolean withCounts) {
    String text = new String(body, StandardCharsets.UTF_8);
    Map<List<String>, Long> stacks = new LinkedHashMap<>();
    List<Violation> errors = new ArrayList<>();
    int lineNumber = 0;
    int bad = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isBlank()) {
        continue;
      }
      String problem = null;
      String stack = line;
      long count = 1;
      if (withCounts) {
        int space = line.lastIndexOf(' ');
        if (space < 0) {
          problem = "expected 'frame;frame;... count', found no count";
        } else {
          stack = line.substring(0, space);
          String number = line.substring(space + 1);
          try {
            count = Long.parseLong(number);
            if (count < 0) {
              problem = "the count must not be negative";
            }
          } catch (NumberFormatException e) {
            problem = "the count '" + abbreviate(number) + "' is not an integer";
          }
        }
      }
      if (problem == null && stack.isBlank()) {
        problem = "the stack is empty";
      }
      List<String> frames = problem == null ? Arrays.asList(stack.split(";", -1)) : List.of();
      if (problem == null && frames.stream().anyMatch(String::isEmpty)) {
        problem = "the stack has an empty frame";
      }
      if (problem != null) {
        if (++bad <= MAX_REPORTED_ERRORS) {
          errors.add(new Violation("", "line " + lineNumber + ": " + problem));
        }
        continue;
      }
      if (count > 0) {
        stacks.merge(List.copyOf(frames), count, FoldedStacks::saturatedSum);
      }
    }
    if (bad > MAX_REPORTED_ERRORS) {
      errors.add(new Violation("", (bad - MAX_REPORTED_ERRORS) + " more bad lines"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return toSamples(stacks);
  }

  /** The stacks as samples, in the order they were first seen. */
  static List<StackSample> toSamples(Map<List<String>, Long> stacks) {
    List<StackSample> samples = new ArrayList<>(stacks.size());
    stacks.forEach((frames, value) -> samples.add(new StackSample(frames, value)));
    return samples;
  }

  /** Sums two counts of the same stack; a count beyond a long stays at its largest value. */
  static long saturatedSum(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
