package io.squashinflux.demo;

import java.util.SplittableRandom;

/** Derives independent random streams from a seed and coordinates: job N needs no job before it. */
final class Seeds {
  private Seeds() {}

  /** A random stream for these coordinates; the same coordinates always give the same stream. */
  static SplittableRandom random(long seed, long... coordinates) {
    long h = mix(seed);
    for (long c : coordinates) {
      h = mix(h ^ mix(c + 0x9E3779B97F4A7C15L));
    }
    return new SplittableRandom(h);
  }

  /** {@code length} lowercase hex digits drawn from the stream. */
  static String hex(SplittableRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      String digits = Long.toHexString(random.nextLong());
      out.append("0".repeat(16 - digits.length())).append(digits);
    }
    return out.substring(0, length);
  }

  // SplitMix64's finalizer: consecutive inputs give unrelated outputs.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
