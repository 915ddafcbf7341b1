package io.hotpath.tracker.rollback;

import io.hotpath.contracts.tracking.RollbackRequested;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Map;

/**
 * FEATURE_FLAG: one configured HTTP call that turns the fix's flag off. The flag key is the one
 * configured for the service, else the command's target.
 */
public final class FeatureFlagExecutor implements RollbackExecutor {
  public static final String NAME = "rollback/feature-flag";

  private final HttpClient http;
  private final RollbackSettings.FeatureFlag settings;

  public FeatureFlagExecutor(HttpClient http, RollbackSettings.FeatureFlag settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String describe(RollbackRequested command) {
    return "would turn flag "
        + flagOf(command)
        + " off: "
        + settings.method().toUpperCase(Locale.ROOT)
        + " "
        + HttpCall.shown(url(command));
  }

  @Override
  public Execution execute(RollbackRequested command) {
    String flag = flagOf(command);
    if (flag == null || flag.isBlank()) {
      throw RollbackFailure.permanent(
          "no flag key for service "
              + command.service()
              + ": set hotpath.rollback.feature-flag.flags."
              + command.service()
              + " or send the flag as the command's target");
    }
    Map<String, String> values = Placeholders.of(command, flag);
    boolean json = settings.contentType().toLowerCase(Locale.ROOT).contains("json");
    String body =
        settings.body() == null || settings.body().isEmpty()
            ? null
            : Placeholders.fill(
                settings.body(),
                values,
                json ? Placeholders.Escape.JSON : Placeholders.Escape.NONE);
    Execution done =
        HttpCall.send(
            http,
            settings.method().toUpperCase(Locale.ROOT),
            url(command),
            settings.headers(),
            settings.contentType(),
            body,
            settings.timeout());
    return Execution.succeeded("flag " + flag + " turned off: " + done.detail());
  }

  private String url(RollbackRequested command) {
    return Placeholders.fill(
        settings.url(), Placeholders.of(command, flagOf(command)), Placeholders.Escape.URL);
  }

  String flagOf(RollbackRequested command) {
    String configured = settings.flags().get(command.service());
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return command.target();
  }
}
