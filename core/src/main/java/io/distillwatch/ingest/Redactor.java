package io.distillwatch.ingest;

import io.distillwatch.ipintel.IpAddresses;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from text that leaves the parser: rejected-line excerpts and the
 * {@code --redact} output mode. Rules (also in {@code docs/ingest.md}):
 *
 * <ul>
 *   <li>values of JSON fields or {@code key=value} pairs whose name is a credential ({@code api_key},
 *       {@code apikey}, {@code x-api-key}, {@code authorization}, {@code password}, {@code passwd},
 *       {@code secret}, {@code token}, {@code private_key}, optionally with one prefix word such as
 *       {@code access_token}, {@code client_secret}) become {@value #SECRET};
 *   <li>{@code Bearer}/{@code Basic} credentials, OpenAI/Anthropic-style keys ({@code sk-...},
 *       {@code sk-ant-...}), AWS access key ids, GitHub and Slack tokens, Google API keys and JWTs
 *       become {@value #SECRET};
 *   <li>email addresses become {@value #EMAIL}.
 * </ul>
 *
 * Token counters such as {@code max_tokens} or {@code input_tokens} are not credentials and stay.
 */
public final class Redactor {
  /** Replacement for a secret. */
  public static final String SECRET = "[REDACTED]";
  /** Replacement for an email address. */
  public static final String EMAIL = "[EMAIL]";
  /** Longest excerpt, in characters (DESIGN §4). */
  public static final int EXCERPT_CHARS = 200;
  /** Bytes of a line decoded to build an excerpt. */
  static final int EXCERPT_SOURCE_BYTES = 2048;
  /**
   * Characters redacted before the cut to {@value #EXCERPT_CHARS}: enough to see a whole credential
   * field that starts inside the excerpt, small enough to keep rejections cheap.
   */
  static final int EXCERPT_REDACT_CHARS = 640;

  private static final String KEY_NAME =
      "(?:[A-Za-z0-9]{1,32}[_-])?(?:api[_-]?key|apikey|authorization|password|passwd|secret|token|private[_-]?key)";

  /** "key": "value" (the closing quote may be missing when the line was cut), or "key": bareword. */
  private static final Pattern JSON_SECRET_FIELD =
      Pattern.compile(
          "(\"" + KEY_NAME + "\"\\s*:\\s*)(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"?|[^,}\\]\\s]+)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern KV_SECRET =
      Pattern.compile("(" + KEY_NAME + "\\s*[=:]\\s*)((?:(?:bearer|basic)\\s+)?[^\\s&,;\"']+)", Pattern.CASE_INSENSITIVE);

  private static final Pattern TOKENS =
      Pattern.compile(
          "(?i:(?:bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,})"
              + "|sk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{8,}"
              + "|(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])"
              + "|gh[pousr]_[A-Za-z0-9]{20,}"
              + "|xox[abprs]-[A-Za-z0-9-]{10,}"
              + "|AIza[0-9A-Za-z_-]{30,}"
              + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

  private static final String[] KEY_HINTS = {"key", "auth", "pass", "secret", "token"};
  private static final String[] TOKEN_HINTS = {
    "sk-", "bearer", "basic", "akia", "asia", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "xox", "aiza", "eyj"
  };

  private Redactor() {}

  /** Applies every rule above. Null stays null. Regexes run only when a cheap keyword scan finds a hint. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    if (containsAny(lowerAscii(s), KEY_HINTS)) {
      s = redactCredentialFields(s);
    }
    if (containsAny(lowerAscii(s), TOKEN_HINTS)) {
      s = redactTokens(s);
    }
    return redactEmails(s);
  }

  /** Replaces email addresses only, in one linear pass. Null stays null. */
  public static String redactEmails(String text) {
    if (text == null) {
      return null;
    }
    int at = text.indexOf('@');
    if (at < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    while (at >= 0) {
      int start = at;
      while (start > copied && at - start < 64 && isLocalChar(text.charAt(start - 1))) {
        start--;
      }
      int end = at + 1;
      int lastDot = -1;
      while (end < text.length() && end - at <= 253 && isDomainChar(text.charAt(end))) {
        if (text.charAt(end) == '.') {
          lastDot = end;
        }
        end++;
      }
      // trim trailing dots/hyphens that end a sentence
      while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
        end--;
      }
      if (lastDot >= end - 1) {
        lastDot = text.lastIndexOf('.', end - 1);
      }
      boolean valid = start < at && lastDot > at + 1 && end - lastDot - 1 >= 2 && allLetters(text, lastDot + 1, end);
      if (valid) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, start).append(EMAIL);
        copied = end;
      }
      at = text.indexOf('@', Math.max(at + 1, copied));
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, text.length());
    return out.toString();
  }

  private static boolean isLocalChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
        || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomainChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  }

  private static boolean allLetters(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsAny(String lower, String[] hints) {
    for (String h : hints) {
      if (lower.contains(h)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The network an address belongs to, as shared in clear (DESIGN §5): an IPv4 address's /24
   * ({@code "203.0.113.0/24"}), an IPv6 address's /64 ({@code "2001:db8:1:2::/64"}); null when the
   * text is not an IP address.
   */
  public static String ipPrefix24(String ip) {
    return IpAddresses.networkPrefix(ip);
  }

  /**
   * A redacted excerpt of at most {@value #EXCERPT_CHARS} characters from a line's bytes; invalid
   * UTF-8 shows as U+FFFD. Reads at most {@value #EXCERPT_SOURCE_BYTES} bytes and redacts at most
   * {@value #EXCERPT_REDACT_CHARS} characters, so it is cheap on huge lines.
   */
  public static String excerpt(byte[] buf, int offset, int length) {
    int n = Math.min(length, EXCERPT_SOURCE_BYTES);
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    String text;
    try {
      text = dec.decode(ByteBuffer.wrap(buf, offset, n)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      text = new String(buf, offset, n, StandardCharsets.ISO_8859_1);
    }
    return excerpt(text);
  }

  /** A redacted excerpt of at most {@value #EXCERPT_CHARS} characters of a text. */
  public static String excerpt(String text) {
    if (text == null) {
      return "";
    }
    String source = cap(text, EXCERPT_REDACT_CHARS);
    return cap(redact(source), EXCERPT_CHARS);
  }

  /** Cuts a text to at most {@code max} characters without splitting a surrogate pair. */
  public static String cap(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * Credential-named fields: at each key-name hint, find the start of the name and try the JSON
   * pattern (quoted name) or the key=value pattern there. Anchored matching keeps this linear in
   * practice; an unanchored regex scan costs ~200 ns per character.
   */
  private static String redactCredentialFields(String s) {
    String lower = lowerAscii(s);
    int[] next = unknownPositions(KEY_HINTS.length);
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < lower.length()) {
      int hit = nextHint(lower, KEY_HINTS, i, next);
      if (hit < 0) {
        break;
      }
      int nameStart = hit;
      while (nameStart > copied && hit - nameStart < 33 && isNameChar(s.charAt(nameStart - 1))) {
        nameStart--;
      }
      Matcher m = null;
      if (nameStart > copied && s.charAt(nameStart - 1) == '"') {
        Matcher jm = JSON_SECRET_FIELD.matcher(s).region(nameStart - 1, s.length());
        if (jm.lookingAt()) {
          m = jm;
        }
      }
      if (m == null && (nameStart == 0 || !isWordOrQuote(s.charAt(nameStart - 1)))) {
        Matcher km = KV_SECRET.matcher(s).region(nameStart, s.length());
        if (km.lookingAt()) {
          m = km;
        }
      }
      if (m == null) {
        i = hit + 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, copied, m.start(2));
      out.append(m.group(2).startsWith("\"") ? "\"" + SECRET + "\"" : SECRET);
      copied = m.end(2);
      i = Math.max(copied, hit + 1);
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, s.length()).toString();
  }

  /** Provider keys and bearer tokens, matched only where a token prefix occurs at a word start. */
  private static String redactTokens(String s) {
    String lower = lowerAscii(s);
    int[] next = unknownPositions(TOKEN_HINTS.length);
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < lower.length()) {
      int hit = nextHint(lower, TOKEN_HINTS, i, next);
      if (hit < 0) {
        break;
      }
      if (hit > 0 && isNameCharNoDash(s.charAt(hit - 1))) {
        i = hit + 1;
        continue;
      }
      Matcher m = TOKENS.matcher(s).region(hit, s.length());
      if (!m.lookingAt()) {
        i = hit + 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length());
      }
      out.append(s, copied, hit).append(SECRET);
      copied = m.end();
      i = copied;
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, s.length()).toString();
  }

  /**
   * The next position of any hint at or after {@code from}. {@code next[k]} remembers where hint k
   * occurs next ({@code -1}: nowhere), so each hint's occurrences are scanned once per text.
   */
  private static int nextHint(String lower, String[] hints, int from, int[] next) {
    int best = -1;
    for (int k = 0; k < hints.length; k++) {
      if (next[k] != -1 && next[k] < from) {
        next[k] = lower.indexOf(hints[k], from);
      }
      if (next[k] >= 0 && (best < 0 || next[k] < best)) {
        best = next[k];
      }
    }
    return best;
  }

  /** ASCII-only lower case: same length and indices as the input (String.toLowerCase may change both). */
  static String lowerAscii(String s) {
    char[] c = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        if (c == null) {
          c = s.toCharArray();
        }
        c[i] = (char) (ch + 32);
      }
    }
    return c == null ? s : new String(c);
  }

  private static int[] unknownPositions(int n) {
    int[] next = new int[n];
    java.util.Arrays.fill(next, Integer.MIN_VALUE);
    return next;
  }

  private static boolean isNameChar(char c) {
    return isNameCharNoDash(c) || c == '-';
  }

  private static boolean isNameCharNoDash(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean isWordOrQuote(char c) {
    return isNameCharNoDash(c) || c == '"';
  }
}
