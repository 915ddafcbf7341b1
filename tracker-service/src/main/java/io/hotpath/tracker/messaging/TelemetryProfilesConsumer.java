package io.hotpath.tracker.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.tracker.service.Baselines;
import io.hotpath.tracker.service.Validations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Adds the wait of each lock profile to its version's measured baseline, then lets the validations
 * waiting for that version look at what arrived. Profiles of other types (CPU, wall, allocation:
 * most of the topic, and large) are recognized by their {@code profileType} while the record is
 * scanned, and skipped without reading their stacks. Acknowledged after the baseline's transaction
 * committed; unreadable records go to {@code hotpath.telemetry.profiles.v1.dlq}.
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
  public Uni<Void> onProfile(String payload) {
    if (isOtherThanLock(payload)) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .item(() -> BottleneckConsumer.read(payload, ProfileCaptured.class))
        .chain(baselines::record)
        .onFailure()
        .invoke(failure -> Failures.log(LOG, "profile", failure))
        .chain(key -> ValidateChanged.after(validations, key, LOG));
  }

  /**
   * True when the record is a readable JSON object whose top-level {@code profileType} names
   * another type than LOCK. Only tokens are scanned (nested values skipped), nothing is built; a
   * record that cannot be told apart this way is read in full (and refused there if it is bad).
   */
  static boolean isOtherThanLock(String payload) {
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
