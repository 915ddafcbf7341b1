package io.hotpath.tracker.rollback;

import io.hotpath.contracts.json.EventJson;
import io.hotpath.contracts.tracking.RollbackRequested;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WEBHOOK (and the methods configured to go there): POSTs the command, as it came on {@code
 * hotpath.rollbacks.v1}, to the configured URL, with {@code Idempotency-Key: <commandId>} so the
 * receiver can also tell a repeat.
 */
public final class WebhookExecutor implements RollbackExecutor {
  public static final String NAME = "rollback/webhook";

  private final HttpClient http;
  private final RollbackSettings.Webhook settings;

  public WebhookExecutor(HttpClient http, RollbackSettings.Webhook settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe(RollbackRequested command) {
    return "would POST the command to " + HttpCall.shown(settings.url());
  }

  @Override
  public Execution execute(RollbackRequested command) {
    Map<String, String> headers = new LinkedHashMap<>(settings.headers());
    headers.put("Idempotency-Key", command.commandId());
    Execution done =
        HttpCall.send(
            http,
            "POST",
            settings.url(),
            headers,
            "application/json",
            EventJson.write(command),
            settings.timeout());
    return Execution.succeeded("webhook called: " + done.detail());
  }
}
