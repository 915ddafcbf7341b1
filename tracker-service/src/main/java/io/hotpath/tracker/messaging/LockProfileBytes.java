package io.hotpath.tracker.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hotpath.contracts.telemetry.ProfileType;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The value deserializer of {@code hotpath.telemetry.profiles.v1} in the tracker, which keeps lock
 * profiles only. A profile of another type (CPU, wall, allocation: most of the topic, and large) is
 * recognized by its {@code profileType} while its bytes are scanned on the consumer's thread, and
 * becomes {@link #SKIPPED}: its bytes are garbage at once instead of waiting in the channel's queue
 * of polled records for the consumer, and promoted with it when the queue is long.
 */
public final class LockProfileBytes implements Deserializer<byte[]> {
  /** The value of a profile of another type than LOCK; compare by identity. */
  static final byte[] SKIPPED = new byte[0];

  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public byte[] deserialize(String topic, byte[] data) {
    return isOtherTypeThanLock(data) ? SKIPPED : data;
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
