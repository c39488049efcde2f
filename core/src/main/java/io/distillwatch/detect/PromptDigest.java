package io.distillwatch.detect;

import io.distillwatch.template.NormalizedPrompt;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

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
  private String headExample;
  private String tailExample;
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
    headKey = 0;
    tailKey = 0;
    headExample = null;
    tailExample = null;
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

  public void write(DataOutput out) throws IOException {
    int bits = (hasSystem ? 1 : 0) | (empty ? 2 : 0);
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
    Codec.writeString(out, headExample());
    Codec.writeString(out, tailExample());
    out.writeInt(wordCount);
    for (int i = 0; i < wordCount; i++) {
      out.writeLong(words[i]);
    }
  }

  public static PromptDigest read(DataInput in) throws IOException {
    PromptDigest d = new PromptDigest();
    int bits = in.readUnsignedByte();
    if (bits > 3) {
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
    d.fingerprint = in.readLong();
    d.flags = in.readUnsignedByte();
    d.category = in.readUnsignedByte();
    if (d.category >= PromptFeatures.CATEGORY_COUNT) {
      throw new IOException("corrupt prompt digest: category " + d.category);
    }
    d.headKey = in.readLong();
    d.tailKey = in.readLong();
    d.headExample = Codec.readString(in);
    d.tailExample = Codec.readString(in);
    int n = in.readInt();
    if (n < 0 || n > MAX_WORDS) {
      throw new IOException("corrupt prompt digest: " + n + " words");
    }
    d.words = new long[Math.max(1, n)];
    for (int i = 0; i < n; i++) {
      d.words[i] = in.readLong();
    }
    d.wordCount = n;
    return d;
  }
}
