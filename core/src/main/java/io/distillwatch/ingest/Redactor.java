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
  /** Bytes of a line decoded to build an excerpt; secrets are redacted before the cut. */
  static final int EXCERPT_SOURCE_BYTES = 4096;

  private static final String KEY_NAME =
      "(?:[A-Za-z0-9]+[_-])?(?:api[_-]?key|apikey|authorization|password|passwd|secret|token|private[_-]?key)";

  /** "key": "value" (the closing quote may be missing when the line was cut), or "key": bareword. */
  private static final Pattern JSON_SECRET_FIELD =
      Pattern.compile(
          "(\"" + KEY_NAME + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern KV_SECRET =
      Pattern.compile("(?<![\\w\"])(" + KEY_NAME + "\\s*[=:]\\s*)([^\\s&,;\"']+)", Pattern.CASE_INSENSITIVE);

  private static final Pattern TOKENS =
      Pattern.compile(
          "(?i:\\b(?:bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,})"
              + "|\\bsk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{8,}"
              + "|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
              + "|\\bgh[pousr]_[A-Za-z0-9]{20,}"
              + "|\\bxox[abprs]-[A-Za-z0-9-]{10,}"
              + "|\\bAIza[0-9A-Za-z_-]{30,}"
              + "|\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private Redactor() {}

  /** Applies every rule above. Null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    s = replaceValue(JSON_SECRET_FIELD, s, true);
    s = replaceValue(KV_SECRET, s, false);
    s = TOKENS.matcher(s).replaceAll(SECRET);
    s = redactEmails(s);
    return s;
  }

  /** Replaces email addresses only. Null stays null. */
  public static String redactEmails(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    return EMAIL_ADDRESS.matcher(text).replaceAll(EMAIL);
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
   * UTF-8 shows as U+FFFD. Reads at most {@value #EXCERPT_SOURCE_BYTES} bytes, so it is cheap on huge
   * lines.
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
    String source = text.length() > EXCERPT_SOURCE_BYTES ? text.substring(0, EXCERPT_SOURCE_BYTES) : text;
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

  private static String replaceValue(Pattern p, String s, boolean quoted) {
    Matcher m = p.matcher(s);
    if (!m.find()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    do {
      out.append(s, last, m.start(2));
      boolean wasQuoted = quoted && m.group(2).startsWith("\"");
      out.append(wasQuoted ? "\"" + SECRET + "\"" : SECRET);
      last = m.end(2);
    } while (m.find());
    out.append(s, last, s.length());
    return out.toString();
  }
}
