package io.squashinflux.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatsTest {

  @Test
  void textIsTheShortestThatReadsBackAsTheSameDouble() {
    // JDK 17's Double.toString writes 2.82879384806159008E17 for this one (JDK-4511638).
    assertThat(Floats.shortest(2.82879384806159E17)).isEqualTo("2.82879384806159E17");
    assertThat(Floats.shortest(12.3)).isEqualTo("12.3");
    assertThat(Floats.shortest(1.0E-5)).isEqualTo("1.0E-5");
    assertThat(Floats.shortest(-0.0)).isEqualTo("-0.0");
    assertThat(Floats.shortest(4.9E-324)).isEqualTo("4.9E-324");
  }

  @Test
  void everyValueGetsItsOwnTextWhateverWasFormattedBefore() {
    SplittableRandom random = new SplittableRandom(7);
    double[] values = new double[5_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 3 == 0 ? Double.longBitsToDouble(random.nextLong())
          : random.nextDouble() * Math.pow(10, random.nextInt(-20, 20));
    }
    for (int round = 0; round < 2; round++) { // the second round reads the memo where it can
      for (double value : values) {
        if (Double.isFinite(value)) {
          String text = Floats.shortest(value);
          assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
          assertThat(text.length()).as(text).isLessThanOrEqualTo(Double.toString(value).length());
        }
      }
    }
  }
}
