package io.distillwatch.ingest;

import io.distillwatch.event.UsageEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A compact binary form of {@link UsageEvent} for shuffles and sorts (the scan job moves every event
 * through one): a bit mask of the non-null optional fields, then the fields in declaration order.
 * ASCII strings are copied as bytes; others are written as modified UTF-8 ({@link
 * DataOutput#writeUTF}) in chunks of at most 16,384 chars, so any Java string, lone surrogates
 * included, reads back equal. It carries no version (both ends of a shuffle run one build), but the
 * node's checkpoints hold it through the Flink serializer, which records the {@link #LAYOUT} it wrote
 * and restores older ones with {@link #read(DataInput, int)}: layout 1 had no turn keys.
 */
public final class UsageEventCodec {
  /** The layout {@link #write} writes: 2 adds {@code turnKey} and {@code priorTurnKey} after {@code imageBlocks}. */
  public static final int LAYOUT = 2;
  private static final int CHUNK = 16_384;

  private UsageEventCodec() {}

  public static void write(UsageEvent e, DataOutput out) throws IOException {
    write(e, out, LAYOUT);
  }

  /** Writes the bytes of an older {@code layout} (fields it lacks left out), for restored state. */
  public static void write(UsageEvent e, DataOutput out, int layout) throws IOException {
    checkLayout(layout);
    int mask = 0;
    int bit = 1;
    for (Object v : nullables(e)) {
      if (v != null) {
        mask |= bit;
      }
      bit <<= 1;
    }
    out.writeInt(mask);
    out.writeLong(e.ts);
    out.writeInt(e.userTurns);
    out.writeInt(e.assistantTurns);
    out.writeInt(e.toolUseBlocks);
    out.writeInt(e.toolResultBlocks);
    out.writeInt(e.imageBlocks);
    if (layout >= 2) {
      out.writeLong(e.turnKey);
      out.writeLong(e.priorTurnKey);
    }
    string(out, e.requestId);
    string(out, e.account);
    string(out, e.apiKey);
    string(out, e.model);
    string(out, e.ip);
    string(out, e.asnOrg);
    string(out, e.country);
    string(out, e.userAgent);
    string(out, e.tlsFp);
    string(out, e.paymentFp);
    string(out, e.system);
    string(out, e.userText);
    string(out, e.reasoningEffort);
    if (e.asn != null) out.writeLong(e.asn);
    if (e.maxTokens != null) out.writeInt(e.maxTokens);
    if (e.temperature != null) out.writeDouble(e.temperature);
    if (e.topP != null) out.writeDouble(e.topP);
    if (e.n != null) out.writeInt(e.n);
    if (e.logprobs != null) out.writeBoolean(e.logprobs);
    if (e.topLogprobs != null) out.writeInt(e.topLogprobs);
    if (e.thinkingBudget != null) out.writeInt(e.thinkingBudget);
    if (e.tools != null) out.writeInt(e.tools);
    if (e.stream != null) out.writeBoolean(e.stream);
    if (e.seed != null) out.writeLong(e.seed);
    if (e.inputTokens != null) out.writeLong(e.inputTokens);
    if (e.outputTokens != null) out.writeLong(e.outputTokens);
    if (e.reasoningTokens != null) out.writeLong(e.reasoningTokens);
    if (e.status != null) out.writeInt(e.status);
    if (e.latencyMs != null) out.writeLong(e.latencyMs);
  }

  public static UsageEvent read(DataInput in) throws IOException {
    return read(in, LAYOUT);
  }

  /** Reads bytes of {@code layout}; layout 1 has no turn keys (they read as 0). */
  public static UsageEvent read(DataInput in, int layout) throws IOException {
    checkLayout(layout);
    UsageEvent e = new UsageEvent();
    int mask = in.readInt();
    e.ts = in.readLong();
    e.userTurns = in.readInt();
    e.assistantTurns = in.readInt();
    e.toolUseBlocks = in.readInt();
    e.toolResultBlocks = in.readInt();
    e.imageBlocks = in.readInt();
    if (layout >= 2) {
      e.turnKey = in.readLong();
      e.priorTurnKey = in.readLong();
    }
    int bit = 1;
    e.requestId = has(mask, bit) ? string(in) : null;
    e.account = has(mask, bit <<= 1) ? string(in) : null;
    e.apiKey = has(mask, bit <<= 1) ? string(in) : null;
    e.model = has(mask, bit <<= 1) ? string(in) : null;
    e.ip = has(mask, bit <<= 1) ? string(in) : null;
    e.asnOrg = has(mask, bit <<= 1) ? string(in) : null;
    e.country = has(mask, bit <<= 1) ? string(in) : null;
    e.userAgent = has(mask, bit <<= 1) ? string(in) : null;
    e.tlsFp = has(mask, bit <<= 1) ? string(in) : null;
    e.paymentFp = has(mask, bit <<= 1) ? string(in) : null;
    e.system = has(mask, bit <<= 1) ? string(in) : null;
    e.userText = has(mask, bit <<= 1) ? string(in) : null;
    e.reasoningEffort = has(mask, bit <<= 1) ? string(in) : null;
    e.asn = has(mask, bit <<= 1) ? in.readLong() : null;
    e.maxTokens = has(mask, bit <<= 1) ? in.readInt() : null;
    e.temperature = has(mask, bit <<= 1) ? in.readDouble() : null;
    e.topP = has(mask, bit <<= 1) ? in.readDouble() : null;
    e.n = has(mask, bit <<= 1) ? in.readInt() : null;
    e.logprobs = has(mask, bit <<= 1) ? in.readBoolean() : null;
    e.topLogprobs = has(mask, bit <<= 1) ? in.readInt() : null;
    e.thinkingBudget = has(mask, bit <<= 1) ? in.readInt() : null;
    e.tools = has(mask, bit <<= 1) ? in.readInt() : null;
    e.stream = has(mask, bit <<= 1) ? in.readBoolean() : null;
    e.seed = has(mask, bit <<= 1) ? in.readLong() : null;
    e.inputTokens = has(mask, bit <<= 1) ? in.readLong() : null;
    e.outputTokens = has(mask, bit <<= 1) ? in.readLong() : null;
    e.reasoningTokens = has(mask, bit <<= 1) ? in.readLong() : null;
    e.status = has(mask, bit <<= 1) ? in.readInt() : null;
    e.latencyMs = has(mask, bit <<= 1) ? in.readLong() : null;
    return e;
  }

  /** A field-by-field copy (every field is immutable, so sharing the values is safe). */
  public static UsageEvent copy(UsageEvent from) {
    UsageEvent e = new UsageEvent();
    e.ts = from.ts;
    e.requestId = from.requestId;
    e.account = from.account;
    e.apiKey = from.apiKey;
    e.model = from.model;
    e.ip = from.ip;
    e.asn = from.asn;
    e.asnOrg = from.asnOrg;
    e.country = from.country;
    e.userAgent = from.userAgent;
    e.tlsFp = from.tlsFp;
    e.paymentFp = from.paymentFp;
    e.system = from.system;
    e.userText = from.userText;
    e.userTurns = from.userTurns;
    e.assistantTurns = from.assistantTurns;
    e.toolUseBlocks = from.toolUseBlocks;
    e.toolResultBlocks = from.toolResultBlocks;
    e.imageBlocks = from.imageBlocks;
    e.turnKey = from.turnKey;
    e.priorTurnKey = from.priorTurnKey;
    e.maxTokens = from.maxTokens;
    e.temperature = from.temperature;
    e.topP = from.topP;
    e.n = from.n;
    e.logprobs = from.logprobs;
    e.topLogprobs = from.topLogprobs;
    e.reasoningEffort = from.reasoningEffort;
    e.thinkingBudget = from.thinkingBudget;
    e.tools = from.tools;
    e.stream = from.stream;
    e.seed = from.seed;
    e.inputTokens = from.inputTokens;
    e.outputTokens = from.outputTokens;
    e.reasoningTokens = from.reasoningTokens;
    e.status = from.status;
    e.latencyMs = from.latencyMs;
    return e;
  }

  /** The nullable fields in the order of the mask bits (and of {@link #read}). */
  private static Object[] nullables(UsageEvent e) {
    return new Object[] {
      e.requestId, e.account, e.apiKey, e.model, e.ip, e.asnOrg, e.country, e.userAgent, e.tlsFp,
      e.paymentFp, e.system, e.userText, e.reasoningEffort, e.asn, e.maxTokens, e.temperature, e.topP,
      e.n, e.logprobs, e.topLogprobs, e.thinkingBudget, e.tools, e.stream, e.seed, e.inputTokens,
      e.outputTokens, e.reasoningTokens, e.status, e.latencyMs
    };
  }

  private static void checkLayout(int layout) {
    if (layout < 1 || layout > LAYOUT) {
      throw new IllegalArgumentException("unknown usage-event layout " + layout + ", this build knows 1 to " + LAYOUT);
    }
  }

  private static boolean has(int mask, int bit) {
    return (mask & bit) != 0;
  }

  // Length codes: n >= 0 is an ASCII string of n bytes (bulk copy, the common case); -1 - n is a
  // string of n chars in modified UTF-8 chunks (anything else, lone surrogates included).
  private static void string(DataOutput out, String s) throws IOException {
    if (s == null) {
      return;
    }
    int n = s.length();
    if (isAscii(s)) {
      out.writeInt(n);
      out.write(s.getBytes(StandardCharsets.ISO_8859_1));
      return;
    }
    out.writeInt(-1 - n);
    for (int i = 0; i < n; i += CHUNK) {
      out.writeUTF(i == 0 && n <= CHUNK ? s : s.substring(i, Math.min(n, i + CHUNK)));
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String string(DataInput in) throws IOException {
    int code = in.readInt();
    if (code >= 0) {
      byte[] b = new byte[code];
      in.readFully(b);
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    int n = -1 - code;
    if (n <= CHUNK) {
      return in.readUTF();
    }
    StringBuilder b = new StringBuilder(n);
    while (b.length() < n) {
      b.append(in.readUTF());
    }
    return b.toString();
  }
}
