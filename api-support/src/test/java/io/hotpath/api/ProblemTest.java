package io.hotpath.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {
  final ObjectMapper json = new ObjectMapper();

  @Test
  void aHotpathKindBecomesATypeUrnAndAbsentMembersStayOutOfTheJson() throws Exception {
    Problem problem = Problem.of("unauthorized", "Unauthorized", 401, null, "/api/v1/x");

    assertThat(problem.type()).isEqualTo("urn:hotpath:problem:unauthorized");
    assertThat(json.writeValueAsString(problem))
        .isEqualTo(
            "{\"type\":\"urn:hotpath:problem:unauthorized\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"instance\":\"/api/v1/x\"}");
  }

  @Test
  void errorsPointIntoTheBodyOrNameAQueryParameter() throws Exception {
    Problem problem =
        Problem.of("invalid-body", "Invalid request body", 400, "see errors", "/api/v1/x")
            .withErrors(
                List.of(
                    Problem.Error.pointer("", "body must be a JSON object"),
                    Problem.Error.parameter("size", "'0' is not an integer from 1 to 500")));

    assertThat(json.writeValueAsString(problem))
        .endsWith(
            "\"errors\":[{\"pointer\":\"\",\"detail\":\"body must be a JSON object\"},"
                + "{\"parameter\":\"size\",\"detail\":\"'0' is not an integer from 1 to 500\"}]}");
  }

  @Test
  void takesItsTitleAndStatusFromAJaxRsStatus() {
    Problem problem =
        Problem.of(
            Response.Status.NOT_FOUND, "bottleneck-not-found", "No BTLNK-9 here.", "/api/v1/b");

    assertThat(problem)
        .isEqualTo(
            new Problem(
                "urn:hotpath:problem:bottleneck-not-found",
                "Not Found",
                404,
                "No BTLNK-9 here.",
                "/api/v1/b",
                List.of()));
  }

  @Test
  void errorsAreNeverNull() {
    assertThat(new Problem("about:blank", "Not Found", 404, null, "/x", null).errors()).isEmpty();
  }
}
