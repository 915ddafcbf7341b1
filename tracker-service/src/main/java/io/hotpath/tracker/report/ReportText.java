package io.hotpath.tracker.report;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Report} as Markdown or as a standalone HTML page. Every value that comes from
 * outside (service names, locations, reasons, steps) is escaped for the format: HTML entities in
 * HTML, and in Markdown table cells the pipe and line breaks plus HTML's special characters (most
 * Markdown renderers pass raw HTML through).
 */
public final class ReportText {
  private ReportText() {}

  /** A table: header cells and rows of cells, already formatted but not yet escaped. */
  private record Table(List<String> header, List<List<String>> rows) {}

  private record Section(String title, String intro, Table table, List<String> lines) {}

  public static String markdown(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(md(title(r))).append("\n\n");
    out.append("Tenant ")
        .append(md(r.tenant()))
        .append(", generated ")
        .append(r.generatedAt())
        .append(".\n");
    for (Section s : sections(r)) {
      out.append("\n## ").append(md(s.title())).append("\n\n");
      if (s.intro() != null) {
        out.append(md(s.intro())).append("\n\n");
      }
      if (s.table() != null) {
        if (s.table().rows().isEmpty()) {
          out.append("None.\n");
        } else {
          out.append(mdRow(s.table().header()));
          out.append(mdRow(s.table().header().stream().map(h -> "---").toList()));
          s.table().rows().forEach(row -> out.append(mdRow(row)));
        }
      }
      for (String line : s.lines()) {
        out.append("- ").append(md(line)).append("\n");
      }
    }
    return out.toString();
  }

  public static String html(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(html(title(r)))
        .append("</title>\n<style>body{font-family:sans-serif;margin:2em}")
        .append("table{border-collapse:collapse;margin-bottom:1em}")
        .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}</style>\n")
        .append("</head>\n<body>\n<h1>")
        .append(html(title(r)))
        .append("</h1>\n<p>Tenant ")
        .append(html(r.tenant()))
        .append(", generated ")
        .append(html(String.valueOf(r.generatedAt())))
        .append(".</p>\n");
    for (Section s : sections(r)) {
      out.append("<h2>").append(html(s.title())).append("</h2>\n");
      if (s.intro() != null) {
        out.append("<p>").append(html(s.intro())).append("</p>\n");
      }
      if (s.table() != null) {
        if (s.table().rows().isEmpty()) {
          out.append("<p>None.</p>\n");
        } else {
          out.append("<table>\n<thead><tr>");
          s.table().header().forEach(h -> out.append("<th>").append(html(h)).append("</th>"));
          out.append("</tr></thead>\n<tbody>\n");
          for (List<String> row : s.table().rows()) {
            out.append("<tr>");
            row.forEach(c -> out.append("<td>").append(html(c)).append("</td>"));
            out.append("</tr>\n");
          }
          out.append("</tbody>\n</table>\n");
        }
      }
      if (!s.lines().isEmpty()) {
        out.append("<ul>\n");
        s.lines().forEach(l -> out.append("<li>").append(html(l)).append("</li>\n"));
        out.append("</ul>\n");
      }
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private static String title(Report r) {
    return r.service() == null
        ? "Optimization report: fleet"
        : "Optimization report: " + r.service();
  }

  private static List<Section> sections(Report r) {
    List<List<String>> summary =
        r.executiveSummary().stream()
            .map(
                s ->
                    List.of(
                        s.service(),
                        text(s.baselineVersion())
                            + (s.baselineVersion() == null ? "" : " (" + s.baselineSource() + ")"),
                        text(s.currentVersion()),
                        comparison(s.startup()),
                        comparison(s.memory()),
                        s.endpointsP95().isEmpty()
                            ? "-"
                            : String.join(
                                "; ",
                                s.endpointsP95().stream()
                                    .map(c -> c.metric() + ": " + comparison(c))
                                    .toList()),
                        s.completed() + " of " + s.bottlenecks() + " completed",
                        num(s.completionPercent()) + " % (" + s.verdict() + ")"))
            .toList();
    List<List<String>> inventory =
        r.optimizations().stream()
            .map(
                o ->
                    List.of(
                        o.humanId(),
                        o.service(),
                        o.severity() + " " + o.type(),
                        o.location(),
                        o.status().name(),
                        text(o.approach()),
                        o.measuredImprovement() == null
                            ? "-"
                            : o.measuredImprovement().metric()
                                + " "
                                + num(o.measuredImprovement().before())
                                + " → "
                                + num(o.measuredImprovement().after())
                                + " "
                                + o.measuredImprovement().unit()
                                + " (-"
                                + num(o.measuredImprovement().percent())
                                + " %)",
                        o.validations().isEmpty()
                            ? "-"
                            : String.join(
                                "; ",
                                o.validations().stream()
                                    .map(
                                        v ->
                                            v.version()
                                                + " vs "
                                                + text(v.previousVersion())
                                                + ": "
                                                + v.status()
                                                + (v.reasons().isEmpty()
                                                    ? ""
                                                    : " (" + String.join("; ", v.reasons()) + ")")
                                                + (v.rollbackRequested()
                                                    ? ", rollback requested"
                                                    : ""))
                                    .toList()),
                        !o.rollback().available()
                            ? "no plan yet"
                            : o.rollback().method()
                                + (Boolean.TRUE.equals(o.rollback().automated())
                                    ? ", automated"
                                    : ", manual")
                                + ", "
                                + o.rollback().timeToRollback()))
            .toList();
    List<String> procedures =
        r.rollbackProcedures().stream()
            .map(
                p ->
                    p.humanId()
                        + " ("
                        + p.service()
                        + ", "
                        + p.location()
                        + ", "
                        + p.status()
                        + "): "
                        + p.method()
                        + (p.automated() ? ", automated" : ", manual")
                        + ", within "
                        + p.timeToRollback()
                        + (p.rollbackTo() == null ? "" : ", back to " + p.rollbackTo())
                        + ". Steps: "
                        + String.join(" / ", p.steps()))
            .toList();
    List<List<String>> monitoring =
        r.monitoring().stream()
            .map(
                g ->
                    List.of(
                        g.service(),
                        g.metric(),
                        g.baseline() == null ? "-" : num(g.baseline()) + " " + g.unit(),
                        g.alertAbove() == null ? "-" : num(g.alertAbove()) + " " + g.unit(),
                        g.rule()))
            .toList();
    return List.of(
        new Section(
            "Executive summary",
            "Startup, memory and endpoint p95 of the current version against the baseline,"
                + " with the ratio and the validation limit.",
            new Table(
                List.of(
                    "Service",
                    "Baseline",
                    "Current",
                    "Startup",
                    "Memory",
                    "Endpoint p95",
                    "Bottlenecks",
                    "Completion"),
                summary),
            List.of()),
        new Section(
            "Optimizations",
            null,
            new Table(
                List.of(
                    "Id",
                    "Service",
                    "Bottleneck",
                    "Location",
                    "Status",
                    "Approach",
                    "Measured improvement",
                    "Validations",
                    "Rollback"),
                inventory),
            List.of()),
        new Section(
            "Rollback procedures",
            procedures.isEmpty() ? "No plan has a rollback yet." : null,
            null,
            procedures),
        new Section(
            "Monitoring guidance",
            "Metrics to keep and the level to alert above, from the validation rules and the"
                + " current figures.",
            new Table(List.of("Service", "Metric", "Now", "Alert above", "Rule"), monitoring),
            List.of()));
  }

  private static String comparison(Report.Comparison c) {
    if (c == null || c.current() == null) {
      return "-";
    }
    String now = num(c.current()) + " " + c.unit();
    if (c.baseline() == null) {
      return now + " (no baseline)";
    }
    return now
        + " vs "
        + num(c.baseline())
        + " "
        + c.unit()
        + " ("
        + num(c.ratio())
        + " x, limit "
        + num(c.limit())
        + " x"
        + (Boolean.TRUE.equals(c.withinLimit()) ? ")" : ", OVER)");
  }

  private static String text(String value) {
    return value == null ? "-" : value;
  }

  private static String num(double value) {
    double r = Math.round(value * 1000.0) / 1000.0;
    return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%s", r);
  }

  private static String mdRow(List<String> cells) {
    StringBuilder row = new StringBuilder("|");
    cells.forEach(c -> row.append(' ').append(md(c)).append(" |"));
    return row.append('\n').toString();
  }

  /** Markdown-safe: HTML escaped, table pipes and line breaks neutralized. */
  static String md(String value) {
    return html(value)
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
        .replace("`", "\\`");
  }

  /** HTML-escaped text, for element content and quoted attributes alike. */
  static String html(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
