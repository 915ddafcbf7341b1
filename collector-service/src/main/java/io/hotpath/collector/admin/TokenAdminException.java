package io.hotpath.collector.admin;

/** A token-admin request that cannot be carried out, with the HTTP status that says why. */
public class TokenAdminException extends RuntimeException {
  private final int status;
  private final String pointer;

  private TokenAdminException(int status, String pointer, String message) {
    super(message);
    this.status = status;
    this.pointer = pointer;
  }

  static TokenAdminException invalid(String pointer, String message) {
    return new TokenAdminException(400, pointer, message);
  }

  static TokenAdminException conflict(String message) {
    return new TokenAdminException(409, null, message);
  }

  static TokenAdminException notFound(String message) {
    return new TokenAdminException(404, null, message);
  }

  public int status() {
    return status;
  }

  /** The JSON pointer of the field at fault in the request body, or null. */
  public String pointer() {
    return pointer;
  }
}
