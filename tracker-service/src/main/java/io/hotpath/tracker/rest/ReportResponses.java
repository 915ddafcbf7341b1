package io.hotpath.tracker.rest;

import io.hotpath.api.Problem;
import io.hotpath.tracker.report.Report;
import io.hotpath.tracker.report.ReportText;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/** Picks a report's format from {@code ?format=} or the Accept header, and renders it. */
final class ReportResponses {
  static final String MARKDOWN = "text/markdown";

  private ReportResponses() {}

  enum Format {
    JSON,
    MARKDOWN,
    HTML
  }

  /** {@code format} (json, md, markdown, html) wins over Accept; JSON by default. */
  static Format choose(String format, HttpHeaders headers, String instance) {
    if (format != null && !format.isBlank()) {
      switch (format.trim().toLowerCase(Locale.ROOT)) {
        case "json":
          return Format.JSON;
        case "md":
        case "markdown":
          return Format.MARKDOWN;
        case "html":
          return Format.HTML;
        default:
          throw new ProblemException(
              Problem.of(
                      Response.Status.BAD_REQUEST,
                      "invalid-query",
                      "format must be json, md or html",
                      instance)
                  .withErrors(
                      List.of(
                          Problem.Error.parameter(
                              "format", "'" + format + "' is not json, md or html"))));
      }
    }
    for (MediaType accepted : headers.getAcceptableMediaTypes()) {
      if (accepted.isWildcardType()) {
        return Format.JSON;
      }
      String type = accepted.getType() + "/" + accepted.getSubtype();
      if (type.equalsIgnoreCase(MediaType.TEXT_HTML)) {
        return Format.HTML;
      }
      if (type.equalsIgnoreCase(MARKDOWN) || type.equalsIgnoreCase("text/x-markdown")) {
        return Format.MARKDOWN;
      }
      if (type.equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
        return Format.JSON;
      }
    }
    return Format.JSON;
  }

  static Response render(Report report, Format format) {
    return switch (format) {
      case MARKDOWN ->
          Response.ok(ReportText.markdown(report), MARKDOWN + ";charset=UTF-8").build();
      case HTML ->
          Response.ok(ReportText.html(report), MediaType.TEXT_HTML + ";charset=UTF-8")
              .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
              .header("X-Content-Type-Options", "nosniff")
              .build();
      case JSON -> Response.ok(report, MediaType.APPLICATION_JSON).build();
    };
  }
}
