package io.hotpath.collector.messaging;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes an event's JSON through a buffer each thread keeps, so the bytes are copied once into the
 * record's array. {@code writeValueAsBytes} builds the JSON in a chain of fresh blocks and joins
 * them: in a JFR of a fleet profile's conversion (about 40 kB of JSON) the blocks' allocation,
 * copies and list took about an eighth of the samples. The output is the same bytes.
 */
final class EventBytes {
  /** A buffer grown past this (a big export's event) is not kept, so idle threads stay small. */
  static final int KEPT_BYTES = 256 * 1024;

  private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

  private EventBytes() {}

  /** {@code event} as {@code writer} writes it, in UTF-8. */
  static byte[] write(ObjectWriter writer, Object event) {
    Buffer buffer = BUFFER.get();
    buffer.reset();
    try {
      writer.writeValue(buffer, event);
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName(), e);
    } finally {
      if (buffer.capacity() > KEPT_BYTES) {
        BUFFER.remove();
      }
    }
  }

  /** A {@link ByteArrayOutputStream} that tells how much it holds on to. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(16 * 1024);
    }

    int capacity() {
      return buf.length;
    }
  }
}
