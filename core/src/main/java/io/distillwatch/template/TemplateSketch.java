package io.distillwatch.template;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A one-permutation MinHash signature of a template skeleton, and the one place that knows its byte
 * layout (docs/wire-formats.md, "Template sketch"). Immutable.
 *
 * <pre>
 *  byte 0      version        1 = unkeyed or seeded values (local use); 2 = keyed values (shared)
 *  byte 1      family         = 0x54 ('T', template sketch)
 *  bytes 2-3   bins           unsigned 16-bit, power of two in [8, 1024]
 *  bytes 4-7   key id         signed 32-bit, big-endian (0 = unkeyed, local only)
 *  bytes 8-9   seed hash      16 bits of mix(seed): sketches made with different seeds refuse to compare
 *  byte 10     flags          bit 0: empty (the skeleton had no tokens)
 *  byte 11     reserved       = 0
 *  bytes 12-   bins values    bins x 32-bit big-endian: v1 low 32 bits of each bin's minimum 64-bit
 *                             hash; v2 a keyed PRF of (bin, minimum) ({@link BinKeying})
 * </pre>
 *
 * Version 2 sketches carry the member key's id (never 0); sketches of different versions, key ids,
 * seeds or bin counts refuse to compare.
 *
 * Size: 12 + 4 x bins bytes (268 bytes at 64 bins).
 */
public final class TemplateSketch {
  public static final byte VERSION = 1;
  /** Version of sketches whose bin values are keyed ({@link BinKeying}): the form that travels. */
  public static final byte VERSION_KEYED = 2;
  public static final byte FAMILY = 0x54;
  public static final int HEADER_BYTES = 12;

  private final byte version;
  private final int keyId;
  private final short seedHash;
  private final int[] values;
  private final boolean empty;

  TemplateSketch(int keyId, short seedHash, int[] values, boolean empty) {
    this(VERSION, keyId, seedHash, values, empty);
  }

  TemplateSketch(byte version, int keyId, short seedHash, int[] values, boolean empty) {
    this.version = version;
    this.keyId = keyId;
    this.seedHash = seedHash;
    this.values = values;
    this.empty = empty;
  }

  static short seedHash(long seed) {
    return (short) (Hash64.mix(seed ^ 0x5eed5eed5eedL) >>> 48);
  }

  /** {@link #VERSION} (local) or {@link #VERSION_KEYED} (keyed values, may travel). */
  public byte version() {
    return version;
  }

  public boolean isKeyed() {
    return version == VERSION_KEYED;
  }

  public int bins() {
    return values.length;
  }

  public int keyId() {
    return keyId;
  }

  public short seedHash() {
    return seedHash;
  }

  public boolean isEmpty() {
    return empty;
  }

  /** A copy of the bin values. */
  public int[] values() {
    return values.clone();
  }

  /**
   * Estimated Jaccard similarity of the two skeletons' shingle sets, in [0,1]; 0 when either is empty.
   *
   * @throws IllegalArgumentException when the sketches differ in key id, seed or bin count
   */
  public double similarity(TemplateSketch other) {
    if (other.version != version || other.keyId != keyId || other.seedHash != seedHash
        || other.values.length != values.length) {
      throw new IllegalArgumentException(
          "incomparable template sketches: version " + version + "/" + other.version + ", key id " + keyId
              + "/" + other.keyId + ", bins "
              + values.length + "/" + other.values.length + ", seed hash differs: "
              + (seedHash != other.seedHash));
    }
    if (empty || other.empty) {
      return 0.0;
    }
    int same = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == other.values[i]) {
        same++;
      }
    }
    return same / (double) values.length;
  }

  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 4 * values.length);
    b.put(version).put(FAMILY).putShort((short) values.length).putInt(keyId).putShort(seedHash);
    b.put((byte) (empty ? 1 : 0)).put((byte) 0);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws IllegalArgumentException on a wrong version, family, size or bin count
   */
  public static TemplateSketch fromBytes(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      throw new IllegalArgumentException("template sketch too short: " + bytes.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte version = b.get();
    byte family = b.get();
    if (version != VERSION && version != VERSION_KEYED) {
      throw new IllegalArgumentException("unsupported template sketch version " + version);
    }
    if (family != FAMILY) {
      throw new IllegalArgumentException("not a template sketch (family " + family + ")");
    }
    int bins = Short.toUnsignedInt(b.getShort());
    if (bins < 8 || bins > 1024 || Integer.bitCount(bins) != 1) {
      throw new IllegalArgumentException("invalid bin count " + bins);
    }
    if (bytes.length != HEADER_BYTES + 4 * bins) {
      throw new IllegalArgumentException(
          "template sketch of " + bins + " bins must be " + (HEADER_BYTES + 4 * bins) + " bytes, got "
              + bytes.length);
    }
    int keyId = b.getInt();
    if (version == VERSION_KEYED && keyId == 0) {
      throw new IllegalArgumentException("a keyed template sketch needs a key id");
    }
    short seedHash = b.getShort();
    boolean empty = (b.get() & 1) != 0;
    b.get();
    int[] values = new int[bins];
    for (int i = 0; i < bins; i++) {
      values[i] = b.getInt();
    }
    return new TemplateSketch(version, keyId, seedHash, values, empty);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TemplateSketch t
        && t.version == version
        && t.keyId == keyId
        && t.seedHash == seedHash
        && t.empty == empty
        && Arrays.equals(t.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + keyId;
  }
}
