package io.hotpath.contracts.auth;

import static io.hotpath.contracts.Events.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin granted or revoked an API token. Published on {@link
 * io.hotpath.contracts.Topics#API_TOKENS}, a compacted topic keyed by the token's name, so the
 * latest change per name is the token's state; every service instance reads it from the start. Only
 * the token's SHA-256 travels, never the token.
 *
 * @param sha256 hex SHA-256 of the token; null when revoked
 * @param actor who made the change, e.g. the admin token's configuration name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiTokenChanged(
    UUID eventId,
    String name,
    String tenant,
    String sha256,
    boolean revoked,
    String actor,
    Instant changedAt) {
  public ApiTokenChanged {
    require(eventId, "eventId");
    require(name, "name");
    require(tenant, "tenant");
    require(changedAt, "changedAt");
    if (!revoked) {
      require(sha256, "sha256");
    }
  }
}
