package io.hotpath.collector.admin;

import io.hotpath.api.TokenAuthenticator;
import io.hotpath.collector.config.CollectorConfig;
import io.hotpath.collector.messaging.ApiTokenChanges;
import io.hotpath.collector.service.PublishUnavailableException;
import io.hotpath.contracts.auth.ApiTokenChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Grants and revokes API tokens at runtime. A change is effective once Kafka acknowledged it on the
 * compacted tokens topic, from which every collector instance (this one included) applies it; this
 * instance also applies it at once, so the caller can use a new token with its next request. A
 * generated token is returned once and never stored: only its SHA-256 travels and is kept.
 */
@ApplicationScoped
public class TokenAdmin {
  private static final Logger LOG = Logger.getLogger(TokenAdmin.class);
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The outcome of a grant: the token itself only when this call generated it. */
  public record Granted(String name, String tenant, String token) {}

  private final TokenAuthenticator authenticator;
  private final ApiTokenChanges changes;
  private final CollectorConfig config;
  private final Clock clock;

  public TokenAdmin(
      TokenAuthenticator authenticator, ApiTokenChanges changes, CollectorConfig config) {
    this.authenticator = authenticator;
    this.changes = changes;
    this.config = config;
    this.clock = Clock.systemUTC();
  }

  /**
   * Grants a token named {@code name} for {@code tenant}: the one whose digest is {@code sha256}
   * when given (the token never crosses the wire), else a new random one returned in the result.
   *
   * @throws TokenAdminException 400 for a bad name, tenant or digest, 409 when the name is taken
   */
  public Uni<Granted> grant(String name, String tenant, String sha256, String actor) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Uni.createFrom()
          .failure(
              TokenAdminException.invalid(
                  "/name", "name must match " + NAME.pattern() + " (lower case, digits, . _ -)"));
    }
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      return Uni.createFrom()
          .failure(TokenAdminException.invalid("/tenant", "tenant must match " + TENANT.pattern()));
    }
    if (authenticator.isActive(name) || authenticator.isConfigured(name)) {
      return Uni.createFrom()
          .failure(
              TokenAdminException.conflict(
                  "a token named '" + name + "' exists; revoke it or choose another name"));
    }
    String token = null;
    String digest = sha256;
    if (digest == null || digest.isBlank()) {
      byte[] secret = new byte[32];
      RANDOM.nextBytes(secret);
      token = "hp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      digest = TokenAuthenticator.sha256Hex(token);
    } else if (!digest.trim().matches("[0-9a-fA-F]{64}")) {
      return Uni.createFrom()
          .failure(TokenAdminException.invalid("/sha256", "sha256 must be 64 hex digits"));
    }
    ApiTokenChanged change =
        new ApiTokenChanged(
            UUID.randomUUID(),
            name,
            tenant,
            digest.trim().toLowerCase(java.util.Locale.ROOT),
            false,
            actor,
            Instant.now(clock));
    String issued = token;
    return publish(change).map(ignored -> new Granted(name, tenant, issued));
  }

  /**
   * Revokes the token named {@code name}, granted or configured.
   *
   * @throws TokenAdminException 404 when no active token has that name
   */
  public Uni<Void> revoke(String name, String actor) {
    TokenAuthenticator.Entry entry =
        authenticator.entries().stream()
            .filter(e -> e.name().equals(name) && !e.revoked())
            .findFirst()
            .orElse(null);
    if (entry == null) {
      return Uni.createFrom()
          .failure(TokenAdminException.notFound("no active token is named '" + name + "'"));
    }
    return publish(
        new ApiTokenChanged(
            UUID.randomUUID(), name, entry.tenant(), null, true, actor, Instant.now(clock)));
  }

  /** Every token this instance knows, revoked ones included; never a digest. */
  public List<TokenAuthenticator.Entry> list() {
    return authenticator.entries();
  }

  /** Applies a change read from the tokens topic (or just acknowledged there). */
  public void apply(ApiTokenChanged change) {
    if (change.revoked()) {
      if (authenticator.revoke(change.name())) {
        LOG.infof(
            "API token '%s' of tenant %s revoked by %s",
            change.name(), change.tenant(), change.actor());
      }
    } else {
      authenticator.grant(change.name(), change.tenant(), change.sha256());
      LOG.infof(
          "API token '%s' granted for tenant %s by %s",
          change.name(), change.tenant(), change.actor());
    }
  }

  private Uni<Void> publish(ApiTokenChanged change) {
    return changes
        .publish(change)
        .ifNoItem()
        .after(config.publishTimeout())
        .fail()
        .onFailure()
        .transform(
            failure ->
                new PublishUnavailableException("the token change could not be stored", failure))
        .invoke(() -> apply(change));
  }
}
