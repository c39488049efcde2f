package io.distillwatch.sharing.psi;

import java.security.SecureRandom;

/** Uniform random permutations (Fisher–Yates over {@link SecureRandom}). */
final class Permutations {

  private Permutations() {}

  static int[] random(int n, SecureRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
