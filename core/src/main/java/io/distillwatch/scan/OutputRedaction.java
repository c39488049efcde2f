package io.distillwatch.scan;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.Signal;
import io.distillwatch.ingest.Redactor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --redact}: what a scan writes shows no prompt text beyond template skeletons, no IP address
 * beyond its /24, no e-mail address. Evidence sentences already quote only skeletons and prefixes;
 * this pass is the guarantee for every free-text field, including rejected-line excerpts (raw input).
 */
public final class OutputRedaction {
  /** Quoted JSON strings longer than this (24 characters) are treated as text and masked in excerpts. */
  static final int MAX_KEPT_STRING = 24;
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]|/)");
  private static final Pattern IPV6 =
      Pattern.compile("(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:]|/)");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.){0,400})\"");
  private static final String[] TEXT_KEYS = {
    "\"prompt\"", "\"content\"", "\"text\"", "\"system\"", "\"input\"", "\"gen_ai.prompt\""
  };

  private OutputRedaction() {}

  /** IPs to their network, e-mails and secrets removed. */
  public static String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    return ips(Redactor.redact(s));
  }

  /** A rejected line's excerpt: as {@link #text}, and string values that hold prompt text masked. */
  public static String excerpt(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    Matcher m = QUOTED.matcher(s);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String before = s.substring(Math.max(0, m.start() - 24), m.start());
      boolean isKey = s.startsWith(":", skipSpaces(s, m.end()));
      boolean textValue = !isKey && (m.group(1).length() > MAX_KEPT_STRING || followsTextKey(before));
      out.append(s, last, m.start());
      out.append(textValue ? "\"[text]\"" : m.group());
      last = m.end();
    }
    out.append(s.substring(last));
    return text(out.toString());
  }

  public static Rejection rejection(Rejection r) {
    Rejection copy = new Rejection();
    copy.file = r.file;
    copy.line = r.line;
    copy.reason = r.reason;
    copy.detail = text(r.detail);
    copy.excerpt = excerpt(r.excerpt);
    return copy;
  }

  public static void signals(AccountResult r) {
    for (Signal s : r.signals) {
      s.evidence = text(s.evidence);
    }
  }

  public static void cluster(ClusterResult c) {
    for (ClusterResult.Link l : c.links) {
      l.examples.replaceAll(OutputRedaction::text);
    }
    for (ClusterResult.Group g : c.groups) {
      g.example = text(g.example);
    }
    for (Signal s : c.signals) {
      s.evidence = text(s.evidence);
    }
  }

  private static boolean followsTextKey(String before) {
    String b = before.replace(" ", "");
    for (String k : TEXT_KEYS) {
      if (b.endsWith(k + ":")) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static String ips(String s) {
    Matcher v4 = IPV4.matcher(s);
    StringBuilder out = new StringBuilder();
    while (v4.find()) {
      v4.appendReplacement(out, v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + ".0/24");
    }
    v4.appendTail(out);
    Matcher v6 = IPV6.matcher(out.toString());
    StringBuilder out6 = new StringBuilder();
    while (v6.find()) {
      String prefix = Redactor.ipPrefix24(v6.group());
      v6.appendReplacement(out6, Matcher.quoteReplacement(prefix == null ? "[IPv6]" : prefix));
    }
    v6.appendTail(out6);
    return out6.toString();
  }
}
