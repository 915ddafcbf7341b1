package io.hotpath.e2e;

import static org.awaitility.Awaitility.await;

import io.hotpath.localstack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole Hotpath: one real local stack (Kafka, PostgreSQL) and the four packaged services as
 * separate processes. Started once per test run and shared by every test class that extends with
 * it; stopped when the run ends, also when a test fails.
 */
final class HotpathCluster implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
  static final String TENANT = "e2e";
  static final String TOKEN = "hotpath-e2e-token";
  static final String OTHER_TENANT = "e2e-other";
  static final String OTHER_TOKEN = "hotpath-e2e-other-token";
  static final List<String> SERVICES = List.of("collector", "analyzer", "planner", "tracker");

  private static HotpathCluster running;

  private LocalStack stack;
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

  static HotpathCluster get() {
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (HotpathCluster.class) {
      if (running == null) {
        HotpathCluster cluster = new HotpathCluster();
        // The root store closes the cluster once, after the last test class of the run.
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .put(HotpathCluster.class, cluster);
        cluster.start();
        running = cluster;
      }
    }
  }

  private void start() {
    stack = LocalStack.builder().kafka(true).postgres(true).build().start();
    Path root = Path.of(System.getProperty("hotpath.root", "..")).toAbsolutePath().normalize();
    Path logs = Path.of(System.getProperty("hotpath.e2e.logs", "target/e2e-logs"));
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
            "HOTPATH_DB_REACTIVE_URL", stack.reactiveUrl(),
            "HOTPATH_DB_JDBC_URL", stack.jdbcUrl(),
            "HOTPATH_DB_USER", stack.username(),
            "HOTPATH_DB_PASSWORD", stack.password());
    List<String> tokens =
        List.of(
            "-Dhotpath.auth.tokens.e2e.tenant=" + TENANT,
            "-Dhotpath.auth.tokens.e2e.sha256=" + sha256(TOKEN),
            "-Dhotpath.auth.tokens.other.tenant=" + OTHER_TENANT,
            "-Dhotpath.auth.tokens.other.sha256=" + sha256(OTHER_TOKEN));
    for (String name : SERVICES) {
      services.put(name, ServiceProcess.start(root, name, env, tokens, logs));
    }
    HttpClient http = HttpClient.newHttpClient();
    await("all four services ready")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<String> dead = new ArrayList<>();
              services.values().stream().filter(s -> !s.isAlive()).forEach(s -> dead.add(s.name()));
              if (!dead.isEmpty()) {
                throw new IllegalStateException(
                    dead + " exited during start:\n" + services.get(dead.get(0)).logTail());
              }
              return services.values().stream().allMatch(s -> ready(http, s));
            });
  }

  private static boolean ready(HttpClient http, ServiceProcess service) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready")).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String url(String service) {
    return services.get(service).baseUrl();
  }

  String bootstrapServers() {
    return stack.bootstrapServers();
  }

  @Override
  public void close() {
    services.values().forEach(ServiceProcess::close);
    if (stack != null) {
      stack.close();
    }
    running = null;
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
