package io.squashinflux.lineprotocol;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * The text of a float field value: the shortest decimal that reads back as the same double
 * (Schubfach, as Jackson writes numbers), in {@link Double#toString}'s form ({@code 12.5},
 * {@code 1.0E-5}, {@code -0.0}), which influxd parses back exactly; the JDK 17
 * {@code Double.toString} is not always the shortest, and costs more (BENCHMARKS.md).
 *
 * <p>Each value is formatted twice, once when the mapper checks whether the document's decimal
 * survives and once when the encoder writes it; a small per-thread memo of the last texts makes
 * the second time a lookup when both run on one thread. In the pipeline they do not (the encoder
 * runs on the sender's thread), so there it only catches values a thread meets again.
 */
public final class Floats {
  private static final int SLOTS = 64; // more than the values of a job's measurement

  private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

  private Floats() {}

  /** The shortest text of a finite double. */
  public static String shortest(double value) {
    long bits = Double.doubleToRawLongBits(value);
    Memo memo = MEMO.get();
    int slot = (int) (bits ^ (bits >>> 32)) * 0x9E3779B9 >>> 26; // 6 bits: SLOTS
    String text = memo.texts[slot];
    if (text == null || memo.bits[slot] != bits) {
      text = NumberOutput.toString(value, true);
      memo.bits[slot] = bits;
      memo.texts[slot] = text;
    }
    return text;
  }

  private static final class Memo {
    final long[] bits = new long[SLOTS];
    final String[] texts = new String[SLOTS];
  }
}
