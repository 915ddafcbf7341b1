package io.hotpath.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code throughput-latency.png}: three panels over the run's seconds, sharing the time axis:
 * accepted reports/s at the collector (with the offered rate and refusals), the end-to-end latency
 * of each service's first N+1 (with the 2 s target), and the total consumer lag. The warm-up, fleet
 * and ceiling windows are shaded. Drawn with java.awt, headless.
 */
final class FleetChart {
  private static final int WIDTH = 1200;
  private static final int PANEL = 260;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int GAP = 45;
  private static final Color WARMUP = new Color(240, 240, 240);
  private static final Color FLEET = new Color(225, 238, 250);
  private static final Color CEILING = new Color(250, 236, 220);
  private static final Color LINE = new Color(31, 119, 180);
  private static final Color RED = new Color(214, 39, 40);
  private static final Color GREEN = new Color(44, 160, 44);
  private static final Color GRID = new Color(220, 220, 220);

  private FleetChart() {}

  @SuppressWarnings("unchecked")
  static void write(Map<String, Object> r, Path file) throws IOException {
    Map<String, Object> series = FleetReport.map(r, "series");
    List<Number> accepted = (List<Number>) series.get("acceptedPerSecond");
    List<Number> refused = (List<Number>) series.get("refusedPerSecond");
    List<List<Object>> e2e =
        (List<List<Object>>)
            series.get(
                "endToEnd[service,acceptedAtSecond,acceptedToTrackedMs,acceptedToAnalyzerMs]");
    List<List<Object>> lag = (List<List<Object>>) series.get("lagTotal[second,records]");
    List<Number> warmup = (List<Number>) FleetReport.map(r, "phases").get("warmup");
    List<Number> fleet = (List<Number>) FleetReport.map(r, "phases").get("fleet");
    List<Number> ceiling = (List<Number>) FleetReport.map(r, "phases").get("ceiling");
    double end = FleetReport.num(r, "phases.end");
    // The chart starts shortly before the fleet window: the services' starts are not of interest.
    double from = Math.max(0, warmup.get(0).doubleValue() - 3);
    double to = Math.max(from + 1, end);

    int height = TOP + 3 * PANEL + 2 * GAP + 50;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        String.format(
            Locale.ROOT,
            "Hotpath fleet bench (%s): %,d services x %d instances, %s reports/s offered",
            r.get("preset"),
            (long) FleetReport.num(r, "fleet.services"),
            (long) FleetReport.num(r, "fleet.instancesPerService"),
            FleetReport.fig(FleetReport.num(r, "fleet.offeredReportsPerSecond"))),
        LEFT,
        28);

    // 1: throughput
    List<double[]> acceptedPoints = new ArrayList<>();
    List<double[]> refusedPoints = new ArrayList<>();
    for (int s = (int) from; s < Math.min(accepted.size(), (int) Math.ceil(to)); s++) {
      // Second s holds answers from s to s+1; plot it at its middle.
      acceptedPoints.add(new double[] {s + 0.5, accepted.get(s).doubleValue()});
      refusedPoints.add(new double[] {s + 0.5, refused.get(s).doubleValue()});
    }
    double offered = FleetReport.num(r, "fleet.offeredReportsPerSecond");
    double maxRate =
        Math.max(offered, acceptedPoints.stream().mapToDouble(p -> p[1]).max().orElse(1)) * 1.1;
    Panel p1 = new Panel(g, TOP, from, to, 0, maxRate, "accepted reports/s");
    p1.shade(warmup, WARMUP, "warm-up");
    p1.shade(fleet, FLEET, "fleet (open loop, measured)");
    p1.shade(ceiling, CEILING, "ceiling (closed loop, consumers paused)");
    p1.frame();
    p1.hline(offered, GREEN, "offered " + FleetReport.fig(offered) + "/s");
    p1.line(acceptedPoints, LINE);
    if (refusedPoints.stream().anyMatch(p -> p[1] > 0)) {
      p1.line(refusedPoints, RED);
      p1.legend("refused (4xx/5xx/no answer)", RED, 1);
    }

    // 2: end-to-end latency
    List<double[]> tracked = new ArrayList<>();
    List<double[]> analyzed = new ArrayList<>();
    for (List<Object> sample : e2e) {
      double t = ((Number) sample.get(1)).doubleValue();
      tracked.add(new double[] {t, ((Number) sample.get(2)).doubleValue()});
      analyzed.add(new double[] {t, ((Number) sample.get(3)).doubleValue()});
    }
    double maxMs = Math.max(2_500, tracked.stream().mapToDouble(p -> p[1]).max().orElse(0) * 1.1);
    Panel p2 =
        new Panel(
            g, TOP + PANEL + GAP, from, to, 0, maxMs, "end-to-end ms (first N+1 of a service)");
    p2.shade(warmup, WARMUP, null);
    p2.shade(fleet, FLEET, null);
    p2.shade(ceiling, CEILING, null);
    p2.frame();
    p2.hline(2_000, RED, "target p99 2 s");
    p2.dots(analyzed, new Color(255, 127, 14));
    p2.dots(tracked, LINE);
    p2.legend("accepted -> visible in the tracker", LINE, 0);
    p2.legend("accepted -> analyzer published", new Color(255, 127, 14), 1);

    // 3: lag
    List<double[]> lagPoints = new ArrayList<>();
    for (List<Object> sample : lag) {
      double t = ((Number) sample.get(0)).doubleValue();
      if (t >= from && t <= to) {
        lagPoints.add(new double[] {t, ((Number) sample.get(1)).doubleValue()});
      }
    }
    double maxLag = Math.max(10, lagPoints.stream().mapToDouble(p -> p[1]).max().orElse(0) * 1.1);
    Panel p3 =
        new Panel(
            g, TOP + 2 * (PANEL + GAP), from, to, 0, maxLag, "consumer lag, all groups (records)");
    p3.shade(warmup, WARMUP, null);
    p3.shade(fleet, FLEET, null);
    p3.shade(ceiling, CEILING, null);
    p3.frame();
    p3.line(lagPoints, LINE);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("seconds since the bench started", WIDTH / 2 - 90, height - 12);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  /** One panel: a plot area with its axes' ranges. */
  private static final class Panel {
    private final Graphics2D g;
    private final int top;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final double yStep;
    private final String title;
    private final int w = WIDTH - LEFT - RIGHT;
    private final int h = PANEL - 30;

    Panel(Graphics2D g, int top, double x0, double x1, double y0, double y1, String title) {
      this.g = g;
      this.top = top + 20;
      this.x0 = x0;
      this.x1 = x1;
      this.y0 = y0;
      // Round numbers on the value axis: 4 to 8 steps of 1, 2 or 5 times a power of ten.
      this.yStep = niceStep((y1 - y0) / 5);
      this.y1 = y0 + Math.ceil((y1 - y0) / yStep) * yStep;
      this.title = title;
    }

    int x(double v) {
      return LEFT + (int) Math.round((v - x0) / (x1 - x0) * w);
    }

    int y(double v) {
      double clamped = Math.max(y0, Math.min(y1, v));
      return top + h - (int) Math.round((clamped - y0) / (y1 - y0) * h);
    }

    void shade(List<Number> window, Color color, String label) {
      int a = x(Math.max(x0, window.get(0).doubleValue()));
      int b = x(Math.min(x1, window.get(1).doubleValue()));
      g.setColor(color);
      g.fillRect(a, top, Math.max(1, b - a), h);
      if (label != null) {
        g.setColor(Color.GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
        g.drawString(label, a + 4, top + 12);
      }
    }

    void frame() {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (double v = y0; v <= y1 + yStep / 2; v += yStep) {
        g.setColor(GRID);
        g.drawLine(LEFT, y(v), LEFT + w, y(v));
        g.setColor(Color.DARK_GRAY);
        String label = String.format(Locale.ROOT, yStep < 1 ? "%.1f" : "%,.0f", v);
        g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y(v) + 4);
      }
      double step = niceStep((x1 - x0) / 10);
      for (double t = Math.ceil(x0 / step) * step; t <= x1; t += step) {
        g.setColor(GRID);
        g.drawLine(x(t), top, x(t), top + h);
        g.setColor(Color.DARK_GRAY);
        String label = String.format(Locale.ROOT, "%.0f", t);
        g.drawString(label, x(t) - g.getFontMetrics().stringWidth(label) / 2, top + h + 14);
      }
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, top, w, h);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      g.drawString(title, LEFT, top - 6);
    }

    void hline(double v, Color color, String label) {
      g.setColor(color);
      g.setStroke(
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
      g.drawLine(LEFT, y(v), LEFT + w, y(v));
      g.setStroke(new BasicStroke(1));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.drawString(label, LEFT + w - g.getFontMetrics().stringWidth(label) - 4, y(v) - 4);
    }

    void line(List<double[]> points, Color color) {
      g.setColor(color);
      g.setStroke(new BasicStroke(2));
      for (int i = 1; i < points.size(); i++) {
        double[] a = points.get(i - 1);
        double[] b = points.get(i);
        if (a[0] >= x0 && b[0] <= x1) {
          g.drawLine(x(a[0]), y(a[1]), x(b[0]), y(b[1]));
        }
      }
      g.setStroke(new BasicStroke(1));
    }

    void dots(List<double[]> points, Color color) {
      g.setColor(color);
      for (double[] p : points) {
        if (p[0] >= x0 && p[0] <= x1) {
          g.fillOval(x(p[0]) - 2, y(p[1]) - 2, 5, 5);
        }
      }
    }

    void legend(String label, Color color, int row) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      int lx = LEFT + w - 260;
      int ly = top + 16 + row * 15;
      g.setColor(color);
      g.fillRect(lx, ly - 8, 10, 10);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label, lx + 15, ly + 1);
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
      for (double m : new double[] {1, 2, 5, 10}) {
        if (m * magnitude >= raw) {
          return m * magnitude;
        }
      }
      return 10 * magnitude;
    }
  }
}
