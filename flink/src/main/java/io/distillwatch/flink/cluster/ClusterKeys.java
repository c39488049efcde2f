package io.distillwatch.flink.cluster;

import java.util.HexFormat;

/**
 * A cluster id ({@code c-} and 16 lowercase hex digits, {@code linking.ClusterIds}) as the 64-bit
 * number those digits spell, and back. The job keys clustered events by this number: a fixed-length
 * key sorts much faster in batch mode than a string.
 */
public final class ClusterKeys {
  private ClusterKeys() {}

  public static long key(String clusterId) {
    if (clusterId.length() != 18 || !clusterId.startsWith("c-")) {
      throw new IllegalArgumentException("not a cluster id: " + clusterId);
    }
    return HexFormat.fromHexDigitsToLong(clusterId, 2, 18);
  }

  public static String id(long key) {
    return "c-" + HexFormat.of().toHexDigits(key);
  }
}
