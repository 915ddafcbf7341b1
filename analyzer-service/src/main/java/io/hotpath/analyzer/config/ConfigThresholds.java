package io.hotpath.analyzer.config;

import io.hotpath.analyzer.detect.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Detector thresholds from MicroProfile Config, most specific first:
 *
 * <ol>
 *   <li>{@code hotpath.analyzer.tenants."<tenant>".services."<service>".thresholds.<key>}
 *   <li>{@code hotpath.analyzer.tenants."<tenant>".thresholds.<key>}
 *   <li>{@code hotpath.analyzer.thresholds.<key>}
 *   <li>the detector's own fallback
 * </ol>
 *
 * <p>A tenant or service name is looked up quoted, and also unquoted when it holds only letters,
 * digits, {@code -} and {@code _} (a name with a dot must be quoted in the configuration). A value
 * that is not a number is ignored with a warning, so one typo cannot stop the analysis. Answers are
 * cached: configuration does not change while the service runs.
 *
 * <p>Detectors ask for a dozen keys per event, and a fleet brings new services all the time. When
 * no configuration names a tenant at all (no property name, in any source and spelling, mentions
 * {@code tenants}), every service has the global answers: they are looked up once per key, not once
 * per service and key. Otherwise answers are cached per tenant, service and key, looked up without
 * building a cache key per call.
 */
public final class ConfigThresholds implements Thresholds {
  public static final String PREFIX = "hotpath.analyzer.";
  private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Logger LOG = Logger.getLogger(ConfigThresholds.class);

  /** Enough for every key of every service of a large fleet; cleared if ever exceeded. */
  static final int CACHE_LIMIT = 100_000;

  /** No configured value at any level: the caller's fallback applies. */
  private static final Optional<Double> NONE = Optional.empty();

  private final Config config;

  /** Whether any property could be a tenant's or a service's override. */
  private final boolean perTenant;

  private final Map<String, Optional<Double>> global = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Map<String, Optional<Double>>>> byTenant =
      new ConcurrentHashMap<>();
  private final AtomicInteger cached = new AtomicInteger();

  public ConfigThresholds(Config config) {
    this.config = config;
    this.perTenant = mentionsTenants(config);
  }

  private static boolean mentionsTenants(Config config) {
    for (String name : config.getPropertyNames()) {
      if (name.toLowerCase(Locale.ROOT).contains("tenants")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public double get(String tenant, String service, String key, double fallback) {
    if (!perTenant) {
      return global
          .computeIfAbsent(key, k -> lookup(List.of(PREFIX + "thresholds." + k)))
          .orElse(fallback);
    }
    Map<String, Optional<Double>> keys =
        byTenant
            .computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
            .computeIfAbsent(service, s -> new ConcurrentHashMap<>());
    Optional<Double> value = keys.get(key);
    if (value == null) {
      if (cached.incrementAndGet() > CACHE_LIMIT) {
        byTenant.clear();
        cached.set(1);
      }
      value = lookup(propertyNames(tenant, service, key));
      keys.put(key, value);
    }
    return value.orElse(fallback);
  }

  /** The property names for one key, most specific first; exposed for the README's examples. */
  public static List<String> propertyNames(String tenant, String service, String key) {
    List<String> names = new ArrayList<>();
    for (String t : segment(tenant)) {
      for (String s : segment(service)) {
        names.add(PREFIX + "tenants." + t + ".services." + s + ".thresholds." + key);
      }
    }
    for (String t : segment(tenant)) {
      names.add(PREFIX + "tenants." + t + ".thresholds." + key);
    }
    names.add(PREFIX + "thresholds." + key);
    return names;
  }

  private static List<String> segment(String name) {
    String quoted = '"' + name + '"';
    return PLAIN_SEGMENT.matcher(name).matches() ? List.of(quoted, name) : List.of(quoted);
  }

  private Optional<Double> lookup(List<String> names) {
    for (String name : names) {
      Optional<String> raw = config.getOptionalValue(name, String.class);
      if (raw.isPresent()) {
        try {
          return Optional.of(Double.parseDouble(raw.get().trim()));
        } catch (NumberFormatException e) {
          LOG.warnf("ignoring %s=%s: not a number", name, raw.get());
        }
      }
    }
    return NONE;
  }
}
