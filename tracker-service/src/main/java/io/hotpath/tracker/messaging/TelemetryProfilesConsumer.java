package io.hotpath.tracker.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.Validations;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Adds the wait of each lock profile to its version's measured baseline, then lets the validations
 * waiting for that version look at what arrived. Profiles of other types (CPU, wall, allocation:
 * most of the topic, and large) are recognized by their {@code profileType} while the record's
 * bytes are scanned, and skipped without decoding them or reading their stacks. A poll is
 * acknowledged after the baselines' transactions of its lock profiles committed; unreadable records
 * go to {@code hotpath.telemetry.profiles.v1.dlq}, alone.
 */
@ApplicationScoped
public class TelemetryProfilesConsumer {
  private static final Logger LOG = Logger.getLogger(TelemetryProfilesConsumer.class);
  private static final JsonFactory JSON = new JsonFactory();

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
      if (!isOtherTypeThanLock(record.getPayload())) {
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

  /** {@link #isOtherTypeThanLock(byte[])} of a record's text. */
  static boolean isOtherThanLock(String payload) {
    return payload != null && isOtherTypeThanLock(payload.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True when the record is a readable JSON object whose top-level {@code profileType} names
   * another type than LOCK. Only tokens are scanned (nested values skipped), nothing is built; a
   * record that cannot be told apart this way is read in full (and refused there if it is bad).
   */
  static boolean isOtherTypeThanLock(byte[] payload) {
    if (payload == null) {
      return false;
    }
    try (JsonParser parser = JSON.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("profileType".equals(field)) {
          if (value != JsonToken.VALUE_STRING) {
            return false;
          }
          String type = parser.getText();
          for (ProfileType known : ProfileType.values()) {
            if (known.name().equals(type)) {
              return known != ProfileType.LOCK;
            }
          }
          return false;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
