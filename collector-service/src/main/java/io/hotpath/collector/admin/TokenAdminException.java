package io.hotpath.collector.admin;

/** A token-admin request that cannot be carried out, with the HTTP status that says why. */
public class TokenAdminException extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final String pointer;

  private TokenAdminException(
      int status, String type, String title, String pointer, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.title = title;
    this.pointer = pointer;
  }

  static TokenAdminException invalid(String pointer, String message) {
    return new TokenAdminException(400, "invalid-body", "Invalid request body", pointer, message);
  }

  static TokenAdminException conflict(String message) {
    return new TokenAdminException(409, "conflict", "Conflict", null, message);
  }

  static TokenAdminException notFound(String message) {
    return new TokenAdminException(404, "not-found", "Not found", null, message);
  }

  public int status() {
    return status;
  }

  /** The problem type's last segment, e.g. {@code conflict}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** The JSON pointer of the field at fault in the request body, or null. */
  public String pointer() {
    return pointer;
  }
}
