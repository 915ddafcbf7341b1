package io.hotpath.analyzer.detect.trace;

import io.hotpath.analyzer.detect.BoundedMap;
import io.hotpath.contracts.query.SqlNormalizer;
import io.hotpath.contracts.telemetry.Span;
import io.hotpath.contracts.telemetry.SpanKind;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the span detectors read from a span's semantic-convention attributes, old and new names
 * alike: SQL statements of database client spans, targets of outgoing HTTP calls, routes of server
 * spans.
 */
public final class Spans {
  /** Database systems whose statements are not SQL: their commands are never normalized as SQL. */
  static final Set<String> NOT_SQL =
      Set.of(
          "redis",
          "mongodb",
          "memcached",
          "elasticsearch",
          "opensearch",
          "cassandra",
          "couchbase",
          "couchdb",
          "dynamodb",
          "aws.dynamodb",
          "cosmosdb",
          "azure.cosmosdb",
          "neo4j",
          "hbase",
          "geode",
          "coherence",
          "influxdb",
          "etcd",
          "zookeeper");

  private static final Pattern SQL_START =
      Pattern.compile(
          "^\\s*(/\\*.*?\\*/\\s*)*\\(?\\s*(select|insert|update|delete|with|merge|upsert|replace|call"
              + "|values|exec|execute)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern UUID_SEGMENT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern NUMBER_SEGMENT = Pattern.compile("-?\\d+([.,]\\d+)?");
  private static final Pattern HEX_SEGMENT = Pattern.compile("[0-9a-fA-F]{16,}");

  private Spans() {}

  /** A normalized SQL statement and its location. */
  public record Statement(String normalized, String location) {}

  /** The normalized SQL of a database client span; empty for other spans and non-SQL systems. */
  public static Optional<Statement> sql(Span span) {
    Map<String, String> a = span.attributes();
    String system = first(a, "db.system.name", "db.system");
    String text = first(a, "db.query.text", "db.statement");
    if (system == null && text == null) {
      return Optional.empty();
    }
    if (span.kind() != SpanKind.CLIENT && span.kind() != SpanKind.UNSPECIFIED) {
      return Optional.empty();
    }
    if (system != null && NOT_SQL.contains(system.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    if (text != null) {
      return statement(text);
    }
    return system != null ? statement(span.name()) : Optional.empty();
  }

  /**
   * Several detectors read every span: each statement is looked at (does it start like SQL?),
   * normalized and hashed once, the answer remembered either way. Keyed by the text's {@link
   * LiteralShape}: a call's own literals make almost every text new, never its shape.
   */
  private static final Map<String, Optional<Statement>> NORMALIZED =
      Collections.synchronizedMap(new BoundedMap<>(10_000));

  /**
   * The statements of the texts this thread looked at last, by identity: the span detectors run one
   * after the other on one batch, each reading every span's statement, some more than once.
   */
  private static final ThreadLocal<Map<String, Optional<Statement>>> RECENT =
      ThreadLocal.withInitial(IdentityHashMap::new);

  private static final int RECENT_TEXTS = 1_024;

  private static Optional<Statement> statement(String text) {
    Map<String, Optional<Statement>> recent = RECENT.get();
    Optional<Statement> seen = recent.get(text);
    if (seen == null) {
      if (recent.size() >= RECENT_TEXTS) {
        recent.clear();
      }
      seen = normalized(text);
      recent.put(text, seen);
    }
    return seen;
  }

  private static Optional<Statement> normalized(String text) {
    String shape = LiteralShape.of(text);
    String key = shape == null ? text : shape;
    Optional<Statement> cached = NORMALIZED.get(key);
    if (cached != null) {
      return cached;
    }
    Optional<Statement> result = Optional.empty();
    if (startsLikeSql(text)) {
      String normalized = SqlNormalizer.normalize(text);
      if (!normalized.isEmpty()) {
        result = Optional.of(new Statement(normalized, SqlNormalizer.location(normalized)));
      }
    }
    NORMALIZED.put(key, result);
    return result;
  }

  /** Whether a text starts like a SQL statement (after comments and an opening parenthesis). */
  static boolean startsLikeSql(String text) {
    return SQL_START.matcher(text).find();
  }

  /**
   * The parameterized target of an outgoing HTTP call, {@code GET http://host/orders/{id}}; empty
   * for other spans.
   */
  public static Optional<String> httpClientTarget(Span span) {
    if (span.kind() != SpanKind.CLIENT) {
      return Optional.empty();
    }
    Map<String, String> a = span.attributes();
    String method = first(a, "http.request.method", "http.method");
    if (method == null) {
      return Optional.empty();
    }
    String url = first(a, "url.full", "http.url");
    String target;
    if (url != null) {
      target = parameterizeUrl(url);
    } else {
      String host = first(a, "server.address", "net.peer.name", "http.host");
      String path = first(a, "url.path", "http.target");
      if (host == null && path == null) {
        return Optional.empty();
      }
      target =
          (host == null ? "" : host.toLowerCase(Locale.ROOT))
              + parameterizePath(path == null ? "/" : path);
    }
    return Optional.of(method.toUpperCase(Locale.ROOT) + " " + target);
  }

  /**
   * The route of a server span: {@code GET /orders/{id}} from {@code http.route}, else method and
   * parameterized path, else the span name; empty for spans that are not server spans.
   */
  public static Optional<String> serverRoute(Span span) {
    if (span.kind() != SpanKind.SERVER) {
      return Optional.empty();
    }
    Map<String, String> a = span.attributes();
    String method = first(a, "http.request.method", "http.method");
    String route = first(a, "http.route");
    if (route == null) {
      String path = first(a, "url.path", "http.target");
      route = path == null ? null : parameterizePath(path);
    }
    if (route == null) {
      return Optional.of(span.name().trim());
    }
    return Optional.of(
        method == null ? route.trim() : method.toUpperCase(Locale.ROOT) + " " + route.trim());
  }

  /** The HTTP status code of a span, or 0 when it has none. */
  public static int httpStatus(Span span) {
    String status = first(span.attributes(), "http.response.status_code", "http.status_code");
    if (status == null) {
      return 0;
    }
    try {
      return Integer.parseInt(status.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A URL with ids in its path and the values of its query collapsed, scheme and host folded. */
  public static String parameterizeUrl(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return parameterizePath(url);
    }
    int pathStart = url.indexOf('/', scheme + 3);
    String origin = (pathStart < 0 ? url : url.substring(0, pathStart)).toLowerCase(Locale.ROOT);
    int at = origin.lastIndexOf('@');
    if (at >= 0) {
      // Never keep credentials in a location.
      origin = origin.substring(0, scheme + 3) + origin.substring(at + 1);
    }
    return origin + (pathStart < 0 ? "/" : parameterizePath(url.substring(pathStart)));
  }

  /** {@code /orders/42/items/3f2b...?page=2} becomes {@code /orders/{id}/items/{id}?page=?}. */
  public static String parameterizePath(String pathAndQuery) {
    int fragment = pathAndQuery.indexOf('#');
    String rest = fragment < 0 ? pathAndQuery : pathAndQuery.substring(0, fragment);
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (isId(segments[i])) {
        segments[i] = "{id}";
      }
    }
    String result = String.join("/", segments);
    if (q >= 0) {
      StringBuilder query = new StringBuilder();
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        query.append(query.length() == 0 ? "?" : "&");
        query.append(eq < 0 ? pair : pair.substring(0, eq) + "=?");
      }
      result += query;
    }
    return result.isEmpty() ? "/" : result;
  }

  private static boolean isId(String segment) {
    return NUMBER_SEGMENT.matcher(segment).matches()
        || UUID_SEGMENT.matcher(segment).matches()
        || HEX_SEGMENT.matcher(segment).matches();
  }

  static String first(Map<String, String> attributes, String... keys) {
    for (String key : keys) {
      String value = first(attributes, key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The value of the newer name, else of the older; without the array a variable arity makes. */
  static String first(Map<String, String> attributes, String key, String older) {
    String value = first(attributes, key);
    return value != null ? value : first(attributes, older);
  }

  static String first(Map<String, String> attributes, String key) {
    String value = attributes.get(key);
    return value != null && !value.isBlank() ? value : null;
  }

  public static double durationMs(Span span) {
    return span.durationNanos() / 1_000_000.0;
  }
}
