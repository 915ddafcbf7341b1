package io.hotpath.collector.messaging;

import io.hotpath.collector.admin.TokenAdmin;
import io.hotpath.contracts.auth.ApiTokenChanged;
import io.hotpath.contracts.json.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The compacted API-token topic: changes go out keyed by token name, and every instance reads the
 * whole topic back (its own consumer group, from the beginning) to hold the current tokens.
 */
@ApplicationScoped
public class ApiTokenChanges {
  private static final Logger LOG = Logger.getLogger(ApiTokenChanges.class);

  private final MutinyEmitter<String> out;
  private final Instance<TokenAdmin> admin;

  public ApiTokenChanges(
      @Channel("api-tokens-out") MutinyEmitter<String> out, Instance<TokenAdmin> admin) {
    this.out = out;
    this.admin = admin;
  }

  /** Completes once Kafka acknowledged the change. */
  public Uni<Void> publish(ApiTokenChanged change) {
    Message<String> message =
        Message.of(EventJson.write(change))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(change.name()).build());
    return Uni.createFrom().deferred(() -> out.sendMessage(message));
  }

  /** A change made by any instance; an unreadable record is logged and skipped, never fatal. */
  @Incoming("api-tokens-in")
  public void apply(String json) {
    if (json == null) {
      return;
    }
    try {
      admin.get().apply(EventJson.read(json, ApiTokenChanged.class));
    } catch (RuntimeException e) {
      LOG.errorf("Skipped an unreadable API token change: %s", e.getMessage());
    }
  }
}
