package io.hotpath.tracker.rollback;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One PATCH to the Kubernetes API through the client's own HTTP client (its server, credentials and
 * TLS), exactly as kubectl sends it: the fabric8 DSL would read the object first.
 */
final class KubernetesPatch {
  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  private static final long TIMEOUT_SECONDS = 30;

  private KubernetesPatch() {}

  /** The status code: 2xx or 404; any other answer is thrown as a {@link RollbackFailure}. */
  static int send(
      KubernetesClient client, String path, String contentType, String body, String what) {
    String base = client.getMasterUrl().toString();
    String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    HttpRequest request =
        client.getHttpClient().newHttpRequestBuilder().uri(url).patch(contentType, body).build();
    HttpResponse<String> response;
    try {
      response =
          client
              .getHttpClient()
              .sendAsync(request, String.class)
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw RollbackFailure.temporary(what + " was interrupted");
    } catch (ExecutionException | TimeoutException failure) {
      Throwable cause = failure.getCause() == null ? failure : failure.getCause();
      throw RollbackFailure.temporary(
          what + " failed: no answer (" + cause.getClass().getSimpleName() + ")");
    }
    int code = response.code();
    if (response.isSuccessful() || code == 404) {
      return code;
    }
    String detail = what + " failed: HTTP " + code + messageOf(response.body());
    if (code == 409 || code == 429 || code >= 500) {
      throw RollbackFailure.temporary(detail);
    }
    throw RollbackFailure.permanent(detail);
  }

  /** The API's {@code Status.message}, short, when the answer has one. */
  private static String messageOf(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      String message =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(body)
              .path("message")
              .asText("");
      message = message.replaceAll("\\s+", " ").trim();
      if (message.isEmpty()) {
        return "";
      }
      return ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    } catch (java.io.IOException notJson) {
      return "";
    }
  }
}
