package io.hotpath.tracker.alert;

import java.util.List;

/** The alert labels Hotpath reads to correlate an alert with a shipped fix. */
public final class AlertLabels {
  /**
   * Where the service's name is looked for, in order. Not {@code job}: it names the scrape
   * configuration (often {@code kubernetes-pods}), not the service, and a wrong guess here could
   * roll back another service's fix.
   */
  public static final List<String> SERVICE = List.of("service", "app_kubernetes_io_name", "app");

  public static final String NAMESPACE = "namespace";
  public static final String DEPLOYMENT = "deployment";
  public static final String VERSION = "version";
  public static final String ENVIRONMENT = "environment";

  /** A human id ({@code BTLNK-001}), fingerprint or plan id naming the fix explicitly. */
  public static final String OPTIMIZATION = "hotpath_optimization";

  private AlertLabels() {}

  /** The service the alert is about, or null. */
  public static String service(AlertmanagerNotification.Alert alert) {
    for (String name : SERVICE) {
      String value = alert.label(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
