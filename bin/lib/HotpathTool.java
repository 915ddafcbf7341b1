import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The helper behind bin/hotpath: waits for services to be ready, feeds the demo workload to the
 * collector and prints the tracking matrix. A single source file run by `java`, so a user needs
 * nothing beyond a JDK.
 */
public final class HotpathTool {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "wait-ready" -> waitReady(Integer.parseInt(args[1]), List.of(args).subList(2, args.length));
      case "feed" -> feed(args[1], args[2], Path.of(args[3]));
      case "matrix" -> matrix(args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 0,
          args.length > 4 ? Integer.parseInt(args[4]) : 0);
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: HotpathTool wait-ready SECONDS URL... | feed COLLECTOR_URL TOKEN DIR"
        + " | matrix TRACKER_URL TOKEN [EXPECTED_ROWS [TIMEOUT_SECONDS]]");
    System.exit(2);
  }

  /** Polls each URL until it answers 200, or fails after the timeout naming what is not ready. */
  static void waitReady(int seconds, List<String> urls) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(seconds);
    List<String> pending = new ArrayList<>(urls);
    while (!pending.isEmpty()) {
      pending.removeIf(url -> status(url) == 200);
      if (pending.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        System.err.println("not ready after " + seconds + " s: " + String.join(", ", pending));
        System.exit(1);
      }
      Thread.sleep(250);
    }
  }

  private static int status(String url) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Posts every file of the workload folder, in name order. The name says where it goes:
   * {@code *deployment*.json} to the deployments, {@code *traces*.json} and {@code *metrics*.json}
   * to OTLP/HTTP (JSON encoding), {@code *endpoint-stats*}, {@code *query-stats*},
   * {@code *resources*}, {@code *functionality*} to those reports, other {@code .json} to the
   * startup reports, and {@code NN-<app>.<type>.folded} to Pyroscope's {@code /ingest} as
   * {@code name=<app>.<type>}.
   */
  static void feed(String collector, String token, Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".folded"))
          .sorted().toList();
    }
    int failed = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      String path = pathFor(name);
      HttpRequest request = HttpRequest.newBuilder(URI.create(collector + path))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", name.endsWith(".folded") ? "text/plain" : "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(withTimes(Files.readString(file))))
          .timeout(Duration.ofSeconds(30))
          .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      boolean ok = response.statusCode() / 100 == 2;
      failed += ok ? 0 : 1;
      System.out.printf("  %-40s -> %s %d%s%n", name, path, response.statusCode(),
          ok ? "" : " " + response.body());
    }
    if (failed > 0) {
      System.err.println(failed + " of " + files.size() + " posts failed");
      System.exit(1);
    }
  }

  /**
   * Replaces each {@code "@now-<N>ms"} with the Unix time in nanoseconds N ms ago, as a JSON
   * string: a workload's spans are recent whenever it is fed.
   */
  static String withTimes(String body) {
    long now = System.currentTimeMillis();
    return java.util.regex.Pattern.compile("\"@now-([0-9]+)ms\"").matcher(body)
        .replaceAll(m -> "\"" + (now - Long.parseLong(m.group(1))) * 1_000_000L + "\"");
  }

  static String pathFor(String file) {
    if (file.endsWith(".folded")) {
      String app = file.replaceFirst("^[0-9]+-", "").replaceFirst("\\.folded$", "");
      return "/ingest?name=" + java.net.URLEncoder.encode(app, java.nio.charset.StandardCharsets.UTF_8)
          + "&format=folded&sampleRate=100";
    }
    for (String kind : List.of("endpoint-stats", "query-stats", "resources", "functionality")) {
      if (file.contains(kind)) {
        return "/api/v1/reports/" + kind;
      }
    }
    if (file.contains("deployment")) {
      return "/api/v1/deployments";
    }
    if (file.contains("traces")) {
      return "/v1/traces";
    }
    if (file.contains("metrics")) {
      return "/v1/metrics";
    }
    return "/api/v1/reports/startup";
  }

  /** Prints the tracking matrix, after waiting (up to the timeout) for the expected rows. */
  @SuppressWarnings("unchecked")
  static void matrix(String tracker, String token, int expected, int timeoutSeconds) throws Exception {
    Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
    List<Object> rows;
    while (true) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(tracker + "/api/v1/bottlenecks?size=500"))
          .header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(10))
          .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("tracker answered " + response.statusCode() + ": " + response.body());
        System.exit(1);
      }
      Object body = new Json(response.body()).value();
      rows = body instanceof Map<?, ?> page ? (List<Object>) page.get("items") : (List<Object>) body;
      boolean planned = rows.stream().allMatch(r -> ((Map<String, Object>) r).get("plan") != null);
      if ((rows.size() >= expected && planned) || Instant.now().isAfter(deadline)) {
        break;
      }
      Thread.sleep(500);
    }
    String format = "%-10s %-10s %-13s %-8s %-11s %-40s %-12s %-5s %-24s %s%n";
    System.out.printf(format, "ID", "SERVICE", "TYPE", "SEVERITY", "STATUS", "LOCATION", "IMPACT",
        "SEEN", "PLAN", "ROLLBACK");
    for (Object o : rows) {
      Map<String, Object> row = (Map<String, Object>) o;
      Map<String, Object> impact = (Map<String, Object>) row.get("impact");
      Map<String, Object> plan = (Map<String, Object>) row.get("plan");
      Map<String, Object> rollback = plan == null ? null : (Map<String, Object>) plan.get("rollback");
      System.out.printf(format, row.get("humanId"), row.get("service"), row.get("type"),
          row.get("severity"), row.get("status"), truncate(String.valueOf(row.get("location")), 40),
          impact == null ? "" : number(impact.get("value")) + " " + impact.get("unit"),
          number(row.get("occurrences")) + "x",
          plan == null ? "(planning...)" : truncate(String.valueOf(plan.get("approach")), 24),
          rollback == null ? "" : rollback.get("method")
              + (Boolean.TRUE.equals(rollback.get("automated")) ? " (automated)" : ""));
    }
    if (rows.size() < expected) {
      System.err.println("expected at least " + expected + " bottlenecks, the tracker has " + rows.size());
      System.exit(1);
    }
  }

  private static String number(Object value) {
    return value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(value);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  /** Just enough JSON to read the tracker's answers without a library on the classpath. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        skip();
        if (s.charAt(i) == '}') {
          i++;
          return map;
        }
        do {
          skip();
          String key = string();
          skip();
          i++; // ':'
          map.put(key, value());
          skip();
        } while (s.charAt(i++) == ',');
        return map;
      }
      if (c == '[') {
        List<Object> list = new ArrayList<>();
        i++;
        skip();
        if (s.charAt(i) == ']') {
          i++;
          return list;
        }
        do {
          list.add(value());
          skip();
        } while (s.charAt(i++) == ',');
        return list;
      }
      if (c == '"') {
        return string();
      }
      int start = i;
      while (i < s.length() && ",]} \n\r\t".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String token = s.substring(start, i);
      return switch (token) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default -> Double.parseDouble(token);
      };
    }

    private String string() {
      StringBuilder out = new StringBuilder();
      i++; // opening quote
      while (s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      i++; // closing quote
      return out.toString();
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
