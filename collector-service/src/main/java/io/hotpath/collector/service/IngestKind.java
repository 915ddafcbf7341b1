package io.hotpath.collector.service;

/** What an ingest request carries; tells the metrics and the logs apart. */
public enum IngestKind {
  STARTUP("startup", "/api/v1/reports/startup"),
  ENDPOINT_STATS("endpoint-stats", "/api/v1/reports/endpoint-stats"),
  QUERY_STATS("query-stats", "/api/v1/reports/query-stats"),
  RESOURCES("resources", "/api/v1/reports/resources"),
  FUNCTIONALITY("functionality", "/api/v1/reports/functionality"),
  DEPLOYMENT("deployment", "/api/v1/deployments"),
  TRACES("traces", "/v1/traces"),
  METRICS("metrics", "/v1/metrics"),
  PROFILES("profiles", "/ingest"),
  OTHER("other", null);

  private final String tag;
  private final String path;

  IngestKind(String tag, String path) {
    this.tag = tag;
    this.path = path;
  }

  public String tag() {
    return tag;
  }

  /** The kind a request path ingests; {@link #OTHER} for anything else. */
  public static IngestKind ofPath(String path) {
    String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (IngestKind kind : values()) {
      if (kind.path != null && kind.path.equals(normalized)) {
        return kind;
      }
    }
    return OTHER;
  }
}
