package io.distillwatch.detect;

import io.distillwatch.template.NormalizedPrompt;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link Detector#update} reads from an event's prompt texts, computed once: the system prompt's
 * fingerprint and flags, the user prompt's fingerprint, flags, capability area, long content words
 * and template keys with their example texts. Scoring a cluster on its members' combined traffic folds
 * digests the account pass already made ({@link Detector#update(AccountState, io.distillwatch.event.UsageEvent, PromptDigest)}),
 * so prompts are normalised once per event, and the texts themselves need not travel to the cluster stage.
 */
public final class PromptDigest {
  private static final int EXAMPLE_CHARS = TopK.EXAMPLE_CHARS;
  private static final int MAX_WORDS = 1 << 16;

  boolean hasSystem;
  long systemHash;
  int systemFlags;
  /** No user prompt text (after normalisation); the fields below are then unset. */
  boolean empty = true;
  long fingerprint;
  int flags;
  int category;
  long[] words = new long[16];
  int wordCount;
  long headKey;
  long tailKey;
  /** Set when {@link #words} hold {@link Hll#register} codes instead of hashes (relative encoding). */
  boolean wordsAreRegisters;
  private String headExample;
  private String tailExample;
  /** Relative encoding, until {@link Chain#restore}: the example is the account's previous one. */
  private boolean sameHeadAsPrevious;
  private boolean sameTailAsPrevious;
  /** The normalised prompt the examples are cut from on demand, while it is still current. */
  private NormalizedPrompt source;

  void clear() {
    hasSystem = false;
    systemHash = 0;
    systemFlags = 0;
    empty = true;
    fingerprint = 0;
    flags = 0;
    category = 0;
    wordCount = 0;
    wordsAreRegisters = false;
    headKey = 0;
    tailKey = 0;
    headExample = null;
    tailExample = null;
    sameHeadAsPrevious = false;
    sameTailAsPrevious = false;
    source = null;
  }

  void word(long hash) {
    if (wordCount == words.length) {
      words = Arrays.copyOf(words, wordCount * 2);
    }
    words[wordCount++] = hash;
  }

  void examplesFrom(NormalizedPrompt p) {
    source = p;
  }

  String headExample() {
    return source != null ? source.head(EXAMPLE_CHARS) : headExample;
  }

  String tailExample() {
    return source != null ? source.tail(EXAMPLE_CHARS) : tailExample;
  }

  /** Cuts the examples now, so the digest no longer refers to the normaliser's reused prompt. */
  void detach() {
    if (source != null) {
      headExample = source.head(EXAMPLE_CHARS);
      tailExample = source.tail(EXAMPLE_CHARS);
      source = null;
    }
  }

  /** Writes the whole digest. */
  public void write(DataOutput out) throws IOException {
    write(out, false, false, false);
  }

  private void write(DataOutput out, boolean sameHead, boolean sameTail, boolean registers) throws IOException {
    int bits = (hasSystem ? 1 : 0) | (empty ? 2 : 0) | (sameHead ? 4 : 0) | (sameTail ? 8 : 0) | (registers ? 16 : 0);
    out.writeByte(bits);
    if (hasSystem) {
      out.writeLong(systemHash);
      out.writeByte(systemFlags);
    }
    if (empty) {
      return;
    }
    out.writeLong(fingerprint);
    out.writeByte(flags);
    out.writeByte(category);
    out.writeLong(headKey);
    out.writeLong(tailKey);
    if (!sameHead) {
      Codec.writeString(out, headExample());
    }
    if (!sameTail) {
      Codec.writeString(out, tailExample());
    }
    out.writeInt(wordCount);
    for (int i = 0; i < wordCount; i++) {
      if (registers) {
        out.writeShort(Hll.register(words[i]));
      } else {
        out.writeLong(words[i]);
      }
    }
  }

  /**
   * Writes one account's digests in event order, each relative to what the account sent before: an
   * example equal to the account's previous one is not repeated, and once the account's own vocabulary
   * counter keeps registers only, words go as 2-byte registers. Both are exact for any cluster the
   * account joins: a cluster's counter holds every word its members sent before, so it keeps registers
   * only by then too. Read back with {@link #read} and {@link Chain#restore}, in the account's order.
   */
  public static final class Writer {
    private String lastHead;
    private String lastTail;

    /** Starts another account. */
    public void reset() {
      lastHead = null;
      lastTail = null;
    }

    /** Writes {@code d}; {@code before} is the account's state before the digest is folded into it. */
    public void write(DataOutput out, PromptDigest d, AccountState before) throws IOException {
      if (d.empty) {
        d.write(out, false, false, false);
        return;
      }
      String head = d.headExample();
      String tail = d.tailExample();
      boolean sameHead = lastHead != null && lastHead.equals(head);
      boolean sameTail = lastTail != null && lastTail.equals(tail);
      lastHead = head;
      lastTail = tail;
      d.write(out, sameHead, sameTail, before.vocabulary.approximate());
    }
  }

  /** Restores the examples a {@link Writer} left out; fed each account's digests in its event order. */
  public static final class Chain {
    private final Map<String, String[]> lastByAccount = new HashMap<>();

    /** Starts another cluster. */
    public void reset() {
      lastByAccount.clear();
    }

    public void restore(String account, PromptDigest d) {
      if (d.empty) {
        return;
      }
      String[] last = lastByAccount.computeIfAbsent(account, a -> new String[2]);
      if (d.sameHeadAsPrevious) {
        d.headExample = required(last[0], account);
        d.sameHeadAsPrevious = false;
      }
      if (d.sameTailAsPrevious) {
        d.tailExample = required(last[1], account);
        d.sameTailAsPrevious = false;
      }
      last[0] = d.headExample;
      last[1] = d.tailExample;
    }

    private static String required(String example, String account) {
      if (example == null) {
        throw new IllegalStateException("a digest refers to a previous example its account never sent");
      }
      return example;
    }
  }

  /** True while an example still refers to the account's previous digest (see {@link Chain}). */
  boolean unresolved() {
    return sameHeadAsPrevious || sameTailAsPrevious;
  }

  public static PromptDigest read(DataInput in) throws IOException {
    PromptDigest d = new PromptDigest();
    int bits = in.readUnsignedByte();
    if (bits > 31) {
      throw new IOException("corrupt prompt digest: flags " + bits);
    }
    d.hasSystem = (bits & 1) != 0;
    d.empty = (bits & 2) != 0;
    if (d.hasSystem) {
      d.systemHash = in.readLong();
      d.systemFlags = in.readUnsignedByte();
    }
    if (d.empty) {
      return d;
    }
    d.sameHeadAsPrevious = (bits & 4) != 0;
    d.sameTailAsPrevious = (bits & 8) != 0;
    d.wordsAreRegisters = (bits & 16) != 0;
    d.fingerprint = in.readLong();
    d.flags = in.readUnsignedByte();
    d.category = in.readUnsignedByte();
    if (d.category >= PromptFeatures.CATEGORY_COUNT) {
      throw new IOException("corrupt prompt digest: category " + d.category);
    }
    d.headKey = in.readLong();
    d.tailKey = in.readLong();
    d.headExample = d.sameHeadAsPrevious ? null : Codec.readString(in);
    d.tailExample = d.sameTailAsPrevious ? null : Codec.readString(in);
    int n = in.readInt();
    if (n < 0 || n > MAX_WORDS) {
      throw new IOException("corrupt prompt digest: " + n + " words");
    }
    d.words = new long[Math.max(1, n)];
    for (int i = 0; i < n; i++) {
      d.words[i] = d.wordsAreRegisters ? in.readUnsignedShort() : in.readLong();
    }
    d.wordCount = n;
    return d;
  }
}
