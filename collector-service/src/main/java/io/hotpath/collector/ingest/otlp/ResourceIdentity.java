package io.hotpath.collector.ingest.otlp;

import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Map;

/**
 * Who sent a batch, read from the OTLP resource attributes.
 *
 * @param service {@code service.name}; null when missing, and then the resource's data is rejected
 * @param version {@code service.version}, else {@code unknown}
 * @param environment {@code deployment.environment.name}, else the older {@code
 *     deployment.environment}, else {@code default}
 * @param instance {@code service.instance.id}; null when missing
 */
record ResourceIdentity(String service, String version, String environment, String instance) {
  static final String UNKNOWN_VERSION = "unknown";
  static final String DEFAULT_ENVIRONMENT = "default";

  static ResourceIdentity of(Resource resource) {
    Map<String, String> attributes = AnyValues.strings(resource.getAttributesList(), null);
    return new ResourceIdentity(
        blankToNull(attributes.get("service.name")),
        orElse(attributes.get("service.version"), UNKNOWN_VERSION),
        orElse(
            attributes.get("deployment.environment.name"),
            orElse(attributes.get("deployment.environment"), DEFAULT_ENVIRONMENT)),
        blankToNull(attributes.get("service.instance.id")));
  }

  private static String orElse(String value, String fallback) {
    String v = blankToNull(value);
    return v == null ? fallback : v;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
