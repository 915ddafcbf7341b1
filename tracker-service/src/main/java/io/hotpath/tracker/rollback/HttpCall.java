package io.hotpath.tracker.rollback;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * One HTTP request of an executor, its answer sorted into success, a transient failure (connection
 * errors, 408, 429, 5xx) or a permanent one (other statuses). What it reports names the method and
 * the URL without its query and user info, never a header value: those may be credentials.
 */
final class HttpCall {
  private static final int EXCERPT = 200;

  private HttpCall() {}

  static Execution send(
      HttpClient client,
      String method,
      String url,
      Map<String, String> headers,
      String contentType,
      String body,
      Duration timeout) {
    URI uri;
    try {
      uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
    } catch (IllegalArgumentException bad) {
      throw RollbackFailure.permanent("the configured URL is not a valid absolute URL");
    }
    String shown = method + " " + shown(uri);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null && contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      headers.forEach(request::header);
    } catch (IllegalArgumentException bad) {
      throw RollbackFailure.permanent(shown + ": a configured header is not valid");
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException failure) {
      throw RollbackFailure.temporary(
          shown
              + " failed: "
              + failure.getClass().getSimpleName()
              + redacted(": ", failure.getMessage(), headers.values()));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw RollbackFailure.temporary(shown + " was interrupted");
    }
    int status = response.statusCode();
    String answered = shown + " answered " + status;
    if (status >= 200 && status < 300) {
      return Execution.succeeded(answered);
    }
    String withBody = answered + redacted(": ", response.body(), headers.values());
    if (status == 408 || status == 429 || status >= 500) {
      throw RollbackFailure.temporary(withBody);
    }
    throw RollbackFailure.permanent(withBody);
  }

  /** The URL as users may see it, or a note that it is not a URL. */
  static String shown(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getScheme() == null || uri.getHost() == null ? "(an invalid URL)" : shown(uri);
    } catch (IllegalArgumentException bad) {
      return "(an invalid URL)";
    }
  }

  /** The URL as users may see it: scheme, host, port and path. */
  static String shown(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** A short one-line excerpt, with every secret replaced; empty when there is nothing. */
  private static String redacted(String prefix, String text, Collection<String> secrets) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String cleaned = text;
    for (String secret : secrets) {
      if (secret == null || secret.isBlank()) {
        continue;
      }
      cleaned = cleaned.replace(secret, "***");
      // "Bearer <token>": the token alone may come back too.
      for (String part : secret.split("\\s+")) {
        if (part.length() >= 6) {
          cleaned = cleaned.replace(part, "***");
        }
      }
    }
    cleaned = cleaned.replaceAll("\\s+", " ").trim();
    if (cleaned.length() > EXCERPT) {
      cleaned = cleaned.substring(0, EXCERPT) + "…";
    }
    return prefix + cleaned;
  }
}
