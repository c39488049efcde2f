package io.distillwatch.report;

import io.distillwatch.util.Times;

/** An inline SVG bar chart of requests over time; no script, no external resources. */
final class ActivityChart {
  static final int WIDTH = 560;
  static final int HEIGHT = 70;

  private ActivityChart() {}

  static String svg(long start, long bucketMillis, int[] counts) {
    if (counts == null || counts.length == 0 || bucketMillis <= 0) {
      return "<div class=\"muted\">no activity recorded</div>";
    }
    int max = 1;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    double barWidth = (double) WIDTH / counts.length;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT + 14)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT + 14).append("\">");
    sb.append("<title>").append(Html.escape(label(start, bucketMillis, counts.length, max))).append("</title>");
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      double h = Math.max(1, (double) counts[i] / max * HEIGHT);
      sb.append(String.format(java.util.Locale.ROOT,
          "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%s: %d</title></rect>",
          i * barWidth, HEIGHT - h, Math.max(0.5, barWidth - 0.3), h,
          Html.escape(Times.format(start + i * bucketMillis)), counts[i]));
    }
    sb.append("<text x=\"0\" y=\"").append(HEIGHT + 12).append("\">")
        .append(Html.escape(Times.format(start))).append("</text>");
    sb.append("<text x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT + 12)
        .append("\" text-anchor=\"end\">max ").append(max).append(" / ")
        .append(Html.escape(bucketLabel(bucketMillis))).append("</text>");
    sb.append("</svg>");
    return sb.toString();
  }

  private static String label(long start, long bucket, int n, int max) {
    return "requests per " + bucketLabel(bucket) + " from " + Times.format(start) + ", " + n
        + " buckets, peak " + max;
  }

  static String bucketLabel(long bucketMillis) {
    long minutes = bucketMillis / 60_000;
    if (minutes % 1440 == 0) {
      return (minutes / 1440) + " d";
    }
    if (minutes % 60 == 0) {
      return (minutes / 60) + " h";
    }
    return minutes + " min";
  }
}
