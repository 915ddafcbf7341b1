package io.hotpath.tracker.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.plan.RollbackMethod;
import io.hotpath.contracts.tracking.RollbackOutcome;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feature-flag and webhook executors against a real HTTP server: the exact requests, retries of
 * transient answers with a doubling backoff, permanent answers failing at once, no secret shown.
 */
class HttpExecutorsTest {
  private static final String SECRET = "Bearer s3cret-flag-token-123";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordingHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Duration> pauses = new ArrayList<>();

  @BeforeEach
  void start() {
    server = RecordingHttpServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Attempts attempts() {
    return new Attempts(3, Duration.ofMillis(20), Duration.ofMillis(30), pauses::add);
  }

  private FeatureFlagExecutor flags() {
    return new FeatureFlagExecutor(
        http,
        new RollbackSettings.FeatureFlag(
            server.url("/api/flags/{flag}?env={environment}"),
            "PATCH",
            Map.of("Authorization", SECRET),
            "application/json",
            "{\"flag\":\"{flag}\",\"enabled\":false,\"service\":\"{service}\","
                + "\"version\":\"{version}\",\"bottleneck\":\"{bottleneck}\",\"why\":\"{reason}\"}",
            Map.of("checkout", "lazy-hibernate"),
            Duration.ofSeconds(5)));
  }

  private WebhookExecutor webhook() {
    return new WebhookExecutor(
        http,
        new RollbackSettings.Webhook(
            server.url("/hooks/rollback"),
            Map.of("X-Api-Key", "hook-secret-456"),
            List.of(RollbackMethod.WEBHOOK),
            Duration.ofSeconds(5)));
  }

  @Test
  void turnsTheServicesFlagOffWithTheConfiguredCall() throws Exception {
    RollbackRequested command = Commands.command(RollbackMethod.FEATURE_FLAG, "checkout");

    Attempts.Result result = attempts().run(flags(), command);

    assertThat(result.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.executor()).isEqualTo("rollback/feature-flag");
    assertThat(result.detail())
        .isEqualTo(
            "flag lazy-hibernate turned off: PATCH "
                + server.url("/api/flags/lazy-hibernate")
                + " answered 200");
    assertThat(server.requests()).hasSize(1);
    RecordingHttpServer.Request sent = server.requests().get(0);
    assertThat(sent.method()).isEqualTo("PATCH");
    assertThat(sent.uri()).isEqualTo("/api/flags/lazy-hibernate?env=prod");
    assertThat(sent.header("Authorization")).isEqualTo(SECRET);
    assertThat(sent.header("Content-Type")).isEqualTo("application/json");
    assertThat(sent.body())
        .isEqualTo(
            "{\"flag\":\"lazy-hibernate\",\"enabled\":false,\"service\":\"checkout\","
                + "\"version\":\"1.5.0\",\"bottleneck\":\"fp-0123456789abcdef\",\"why\":"
                + "\"validation of 1.5.0 against 1.4.2 failed: endpoint GET /orders/{id} p95"
                + " \\\"200\\\" ms\"}");
    assertThat(JSON.readTree(sent.body()).get("why").asText()).isEqualTo(command.reason());
    assertThat(pauses).isEmpty();
  }

  @Test
  void takesTheFlagFromTheTargetWhenTheServiceHasNone() {
    FeatureFlagExecutor executor =
        new FeatureFlagExecutor(
            http,
            new RollbackSettings.FeatureFlag(
                server.url("/flags/{flag}/off"),
                "POST",
                Map.of(),
                "text/plain",
                "off {flag} for {tenant}",
                Map.of(),
                Duration.ofSeconds(5)));

    Attempts.Result result =
        attempts().run(executor, Commands.command(RollbackMethod.FEATURE_FLAG, "new checkout"));

    assertThat(result.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(server.requests().get(0).uri()).isEqualTo("/flags/new%20checkout/off");
    assertThat(server.requests().get(0).body()).isEqualTo("off new checkout for acme");
  }

  @Test
  void postsTheCommandAsJsonToTheWebhook() throws Exception {
    RollbackRequested command = Commands.command(RollbackMethod.WEBHOOK, "shop/checkout");

    Attempts.Result result = attempts().run(webhook(), command);

    assertThat(result.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.detail())
        .isEqualTo("webhook called: POST " + server.url("/hooks/rollback") + " answered 200");
    RecordingHttpServer.Request sent = server.requests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.uri()).isEqualTo("/hooks/rollback");
    assertThat(sent.header("Content-Type")).isEqualTo("application/json");
    assertThat(sent.header("X-Api-Key")).isEqualTo("hook-secret-456");
    assertThat(sent.header("Idempotency-Key")).isEqualTo("validation-42");
    assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree(EventJson.write(command)));
  }

  @Test
  void triesAgainAfterA503AndSucceedsOnTheSecondAttempt() {
    server.answer("/api/flags/lazy-hibernate", 503, "{\"error\":\"maintenance\"}");

    Attempts.Result result =
        attempts().run(flags(), Commands.command(RollbackMethod.FEATURE_FLAG, "checkout"));

    assertThat(result.outcome()).isEqualTo(RollbackOutcome.SUCCEEDED);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(server.requestsTo("/api/flags/lazy-hibernate")).hasSize(2);
    assertThat(pauses).containsExactly(Duration.ofMillis(20));
  }

  @Test
  void failsAtOnceOnA400WithoutShowingTheSecret() {
    server.answer("/hooks/rollback", 400, "rejected: header X-Api-Key hook-secret-456 is wrong");

    Attempts.Result result =
        attempts().run(webhook(), Commands.command(RollbackMethod.WEBHOOK, "checkout"));

    assertThat(result.outcome()).isEqualTo(RollbackOutcome.FAILED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(server.requests()).hasSize(1);
    assertThat(result.detail())
        .isEqualTo(
            "POST "
                + server.url("/hooks/rollback")
                + " answered 400: rejected: header X-Api-Key *** is wrong")
        .doesNotContain("hook-secret-456");
    assertThat(pauses).isEmpty();
  }

  @Test
  void givesUpAfterTheConfiguredAttemptsWithADoublingBackoffUpToTheMaximum() {
    for (int i = 0; i < 3; i++) {
      server.answer("/api/flags/lazy-hibernate", 429, "slow down, " + SECRET);
    }

    Attempts.Result result =
        attempts().run(flags(), Commands.command(RollbackMethod.FEATURE_FLAG, "checkout"));

    assertThat(result.outcome()).isEqualTo(RollbackOutcome.FAILED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.detail())
        .isEqualTo(
            "PATCH "
                + server.url("/api/flags/lazy-hibernate")
                + " answered 429: slow down, *** (gave up after 3 attempts)");
    assertThat(server.requests()).hasSize(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(20), Duration.ofMillis(30));
  }

  @Test
  void aRefusedConnectionIsTransient() {
    String url = server.url("/hooks/rollback");
    server.close();
    WebhookExecutor executor =
        new WebhookExecutor(
            http,
            new RollbackSettings.Webhook(
                url, Map.of(), List.of(RollbackMethod.WEBHOOK), Duration.ofSeconds(5)));

    Attempts.Result result =
        attempts().run(executor, Commands.command(RollbackMethod.WEBHOOK, "checkout"));

    assertThat(result.outcome()).isEqualTo(RollbackOutcome.FAILED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.detail()).startsWith("POST " + url + " failed: ConnectException");
    server = RecordingHttpServer.start();
  }
}
