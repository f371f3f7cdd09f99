package io.squashinflux.trends;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectorTest {
  private final Detector detector = new Detector(DetectorSettings.DEFAULT);

  static double[] noisy(long seed, int n, double level, double scatter) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = level * (1 + scatter * random.nextGaussian());
    }
    return values;
  }

  @Test
  void stepOfTwentyPercentIsFoundAtItsFirstPoint() {
    for (long seed = 1; seed <= 20; seed++) {
      double[] values = noisy(seed, 120, 12, 0.04);
      for (int i = 57; i < values.length; i++) {
        values[i] *= 1.2;
      }
      List<Shift> shifts = detector.detect(values);
      assertThat(shifts).as("seed %d", seed).hasSize(1);
      assertThat(shifts.get(0).index()).as("seed %d", seed).isBetween(56, 58);
      assertThat(shifts.get(0).change().getAsDouble()).isBetween(0.12, 0.28);
    }
  }

  @Test
  void twoStepsAreBothFound() {
    double[] values = noisy(7, 200, 10, 0.03);
    for (int i = 60; i < 200; i++) {
      values[i] *= i < 140 ? 1.4 : 1.0 / 1.2 * 1.4 * 1.0;
    }
    List<Shift> shifts = detector.detect(values);
    assertThat(shifts).extracting(Shift::index).containsExactly(60, 140);
    assertThat(shifts.get(0).after()).isGreaterThan(shifts.get(0).before());
    assertThat(shifts.get(1).after()).isLessThan(shifts.get(1).before());
  }

  @Test
  void outliersDriftAndNoiseAreNotShifts() {
    for (long seed = 1; seed <= 20; seed++) {
      double[] outliers = noisy(seed, 150, 8, 0.06);
      outliers[40] *= 3;
      outliers[90] *= 0.3;
      double[] drift = noisy(seed + 100, 150, 8, 0.06);
      for (int i = 0; i < drift.length; i++) {
        drift[i] *= 1 + 0.3 * i / drift.length;
      }
      assertThat(detector.detect(outliers)).as("outliers, seed %d", seed).isEmpty();
      assertThat(detector.detect(drift)).as("drift, seed %d", seed).isEmpty();
      assertThat(detector.detect(noisy(seed + 200, 150, 8, 0.15))).as("noise, seed %d", seed).isEmpty();
    }
  }

  @Test
  void noiseThatIsLargerInOnePartOfALongSeriesIsNotAShift() {
    // A relative scatter on a level that moves, or a noisier stretch of runs: one noise figure
    // for the whole series is too low there, and chance dips read as shifts.
    for (long seed = 1; seed <= 10; seed++) {
      double[] values = noisy(seed, 1200, 20, 0.03);
      double[] loud = noisy(seed + 300, 300, 20, 0.15);
      System.arraycopy(loud, 0, values, 0, loud.length);
      assertThat(detector.detect(values)).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void stepInTheQuietPartOfALongSeriesIsStillFound() {
    for (long seed = 1; seed <= 10; seed++) {
      double[] values = noisy(seed, 1200, 20, 0.03);
      double[] loud = noisy(seed + 300, 300, 20, 0.15);
      System.arraycopy(loud, 0, values, 0, loud.length);
      for (int i = 800; i < values.length; i++) {
        values[i] *= 1.15;
      }
      assertThat(detector.detect(values)).as("seed %d", seed).extracting(Shift::index)
          .singleElement().satisfies(at -> assertThat(at).isBetween(799, 801));
    }
  }

  @Test
  void shortOrFlatSeriesAreHandled() {
    assertThat(detector.detect(new double[0])).isEmpty();
    assertThat(detector.detect(new double[] {1, 2, 3})).isEmpty();
    double[] flat = new double[40];
    java.util.Arrays.fill(flat, 5);
    assertThat(detector.detect(flat)).isEmpty();
    for (int i = 20; i < 40; i++) {
      flat[i] = 7;
    }
    assertThat(detector.detect(flat)).extracting(Shift::index).containsExactly(20);
  }
}
