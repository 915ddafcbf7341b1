package io.hotpath.contracts.json;

/** An event's JSON could not be read: the message says what was wrong and where. */
public class InvalidEventException extends RuntimeException {
  private final String pointer;

  public InvalidEventException(String message, String pointer, Throwable cause) {
    super(pointer.isEmpty() ? message : message + " (at " + pointer + ")", cause);
    this.pointer = pointer;
  }

  /** A JSON pointer to the offending field, e.g. {@code /phases/0/name}; empty for the root. */
  public String pointer() {
    return pointer;
  }
}
