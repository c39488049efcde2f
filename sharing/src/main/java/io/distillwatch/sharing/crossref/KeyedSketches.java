package io.distillwatch.sharing.crossref;

import io.distillwatch.template.BinKeying;
import io.distillwatch.template.TemplateSketcher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keyed template sketches (wire format version 2, docs/wire-formats.md): the permutation seed and
 * every bin value come from the member blinding key through Tink's HMAC-SHA-256 PRF, so only key
 * holders can sketch a guessed template, and sketches under different keys refuse to compare (their
 * key ids differ).
 */
public final class KeyedSketches {
  private static final byte[] SEED_LABEL = "distillwatch:sketch:v2:seed".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BIN_LABEL = "distillwatch:sketch:v2:bin:".getBytes(StandardCharsets.US_ASCII);

  private KeyedSketches() {}

  /** A sketcher under the primary key. */
  public static TemplateSketcher sketcher(BlindingKeys keys) {
    return sketcher(keys, keys.primaryId(), TemplateSketcher.DEFAULT_BINS);
  }

  public static TemplateSketcher sketcher(BlindingKeys keys, int keyId, int bins) {
    return TemplateSketcher.keyed(bins, keying(keys, keyId));
  }

  static BinKeying keying(BlindingKeys keys, int keyId) {
    long seed = ByteBuffer.wrap(keys.prf(keyId, SEED_LABEL, 8)).getLong();
    return new BinKeying() {
      @Override
      public int keyId() {
        return keyId;
      }

      @Override
      public long seed() {
        return seed;
      }

      @Override
      public int value(int bin, long min) {
        ByteBuffer in = ByteBuffer.allocate(BIN_LABEL.length + 2 + 8);
        in.put(BIN_LABEL).putShort((short) bin).putLong(min);
        return ByteBuffer.wrap(keys.prf(keyId, in.array(), 4)).getInt();
      }
    };
  }
}
