package io.hotpath.tracker.messaging;

import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.Validations;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Adds the wait of each lock profile to its version's measured baseline, then lets the validations
 * waiting for that version look at what arrived. Profiles of other types (CPU, wall, allocation:
 * most of the topic, and large) arrive as {@link LockProfileBytes#SKIPPED}, recognized by their
 * {@code profileType} as the consumer deserialized them, and are passed over. A poll is
 * acknowledged after the baselines' transactions of its lock profiles committed; unreadable records
 * go to {@code hotpath.telemetry.profiles.v1.dlq}, alone.
 */
@ApplicationScoped
public class TelemetryProfilesConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryProfilesConsumer.class);

  private final Baselines baselines;
  private final Validations validations;

  public TelemetryProfilesConsumer(Baselines baselines, Validations validations) {
    this.baselines = baselines;
    this.validations = validations;
  }

  @Incoming("telemetry-profiles-in")
  public Uni<Void> onProfiles(KafkaRecordBatch<String, byte[]> batch) {
    List<KafkaRecord<String, byte[]>> wanted = new ArrayList<>();
    for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
      if (record.getPayload() != LockProfileBytes.SKIPPED) {
        wanted.add(record);
      }
    }
    // Lock profiles are few: each in its own transaction, as it comes.
    return Multi.createFrom()
        .iterable(wanted)
        .onItem()
        .transformToUniAndConcatenate(this::onLockProfile)
        .collect()
        .last()
        .chain(() -> Uni.createFrom().completionStage(batch::ack));
  }

  private Uni<Void> onLockProfile(KafkaRecord<String, byte[]> record) {
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(record.getPayload(), ProfileCaptured.class))
        .chain(baselines::record)
        .chain(key -> ValidateChanged.after(validations, key, LOG))
        .onFailure()
        .recoverWithUni(
            failure -> Failures.deadLetter(LOG, "profile", List.of(record), List.of(failure)));
  }
}
