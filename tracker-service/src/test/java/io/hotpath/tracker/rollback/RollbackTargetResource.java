package io.hotpath.tracker.rollback;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A webhook and a flag service for the tracker's tests: one {@link RecordingHttpServer}, wired to
 * tenant {@code rollbacks} (which really executes) and to tenant {@code demo} (a dry run, so it
 * must never be called). Tests read what it received at {@link RecordingHttpServer#RECORDED}.
 */
public class RollbackTargetResource implements QuarkusTestResourceLifecycleManager {
  public static final String HOOK_SECRET = "pipeline-hook-secret-789";
  public static final String FLAG_SECRET = "Bearer pipeline-flag-secret-321";

  private RecordingHttpServer server;

  @Override
  public Map<String, String> start() {
    server = RecordingHttpServer.start();
    return Map.of(
        "hotpath.test.rollback-target",
        server.url(""),
        "hotpath.rollback.tenants.rollbacks.webhook.url",
        server.url("/hooks/rollbacks"),
        "hotpath.rollback.tenants.rollbacks.webhook.headers.X-Api-Key",
        HOOK_SECRET,
        "hotpath.rollback.tenants.rollbacks.feature-flag.url",
        server.url("/flags/{flag}"),
        "hotpath.rollback.tenants.rollbacks.feature-flag.headers.Authorization",
        FLAG_SECRET,
        "hotpath.rollback.tenants.demo.webhook.url",
        server.url("/hooks/demo"));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
