package io.hotpath.planner.playbook;

/**
 * The playbook catalog cannot be used: the message names the file, the line and column, the path to
 * the offending field, and what is wrong with it.
 */
public class InvalidCatalogException extends RuntimeException {
  private final String source;
  private final int line;

  public InvalidCatalogException(
      String source, int line, int column, String path, String problem, Throwable cause) {
    super(format(source, line, column, path, problem), cause);
    this.source = source;
    this.line = line;
  }

  private static String format(String source, int line, int column, String path, String problem) {
    StringBuilder message = new StringBuilder("invalid playbook catalog ").append(source);
    if (line > 0) {
      message.append(" line ").append(line);
      if (column > 0) {
        message.append(" column ").append(column);
      }
    }
    if (path != null && !path.isEmpty()) {
      message.append(" at ").append(path);
    }
    return message.append(": ").append(problem).toString();
  }

  /** The file or resource the catalog came from. */
  public String source() {
    return source;
  }

  /** 1-based line of the problem; 0 where it concerns the catalog as a whole. */
  public int line() {
    return line;
  }
}
