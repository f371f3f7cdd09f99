package io.squashinflux.detect;

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

  static double[] ar1(long seed, int n, double level, double sd, double rho) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    double e = random.nextGaussian();
    for (int i = 0; i < n; i++) {
      e = rho * e + Math.sqrt(1 - rho * rho) * random.nextGaussian();
      values[i] = level + sd * e;
    }
    return values;
  }

  /** The same value until the next code change, every 12 points on average, each a small step. */
  static double[] stepwise(long seed, int n, double level, double step) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      if (i > 0 && random.nextDouble() < 1.0 / 12) {
        level += step * random.nextGaussian();
      }
      values[i] = level;
    }
    return values;
  }

  @Test
  void shiftOfTwoNoiseSdIsFoundInPlaceWithHowSureItIs() {
    // 2% noise, a 4% shift: under a relative floor of 10%, yet 2 sd and sustained for 100 points.
    for (long seed = 1; seed <= 20; seed++) {
      double[] values = noisy(seed, 240, 50, 0.02);
      for (int i = 140; i < values.length; i++) {
        values[i] += 2;
      }
      List<Shift> shifts = detector.detect(values);
      assertThat(shifts).as("seed %d", seed).hasSize(1);
      Shift s = shifts.get(0);
      assertThat(s.index()).as("seed %d", seed).isBetween(137, 143);
      assertThat(s.evidence().pValue()).as("seed %d", seed).isLessThan(0.001);
      assertThat(s.evidence().sigmas()).as("seed %d", seed).isBetween(1.3, 3.0);
      assertThat(s.evidence().before().points()).isBetween(20, 160);
      assertThat(s.evidence().after().points()).isBetween(20, 100);
      assertThat(s.evidence().after().mean() - s.evidence().before().mean()).isBetween(1.4, 2.6);
      assertThat(s.evidence().before().spread()).isBetween(0.6, 1.5);
    }
  }

  @Test
  void correlatedNoiseIsNotAShift() {
    for (long seed = 1; seed <= 20; seed++) {
      assertThat(detector.detect(ar1(seed, 300, 100, 2, 0.6))).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void shiftInCorrelatedNoiseIsFound() {
    for (long seed = 1; seed <= 10; seed++) {
      double[] values = ar1(seed, 300, 100, 2, 0.6);
      for (int i = 150; i < values.length; i++) {
        values[i] += 8;
      }
      assertThat(detector.detect(values)).as("seed %d", seed).extracting(Shift::index)
          .singleElement().satisfies(at -> assertThat(at).isBetween(147, 153));
    }
  }

  @Test
  void stepOfThreeSdInCorrelatedNoiseIsFoundAndTheNoiseAloneIsNot() {
    // 200 points of AR(1) noise (correlation 0.6), a step of 3 noise sd in the middle: the
    // correlation doubles the standard error of a mean and a line through the series follows the
    // step closely; the jump at the step's first point is what gives it away.
    int found = 0;
    for (long seed = 1; seed <= 20; seed++) {
      assertThat(detector.detect(ar1(seed + 1000, 200, 100, 2, 0.6))).as("no step, seed %d", seed).isEmpty();
      double[] values = ar1(seed, 200, 100, 2, 0.6);
      for (int i = 100; i < values.length; i++) {
        values[i] += 6;
      }
      List<Shift> shifts = detector.detect(values);
      found += shifts.size() == 1 && Math.abs(shifts.get(0).index() - 100) <= 3 ? 1 : 0;
    }
    assertThat(found).as("found of 20").isGreaterThanOrEqualTo(16);
  }

  @Test
  void twoStepsFiftyPointsApartAreBothFound() {
    int found = 0;
    for (long seed = 1; seed <= 20; seed++) {
      double[] values = noisy(seed, 290, 100, 0.02);
      for (int i = 100; i < values.length; i++) {
        values[i] += i < 150 ? 4 : 8;
      }
      List<Integer> at = detector.detect(values).stream().map(Shift::index).toList();
      found += at.size() == 2 && Math.abs(at.get(0) - 100) <= 3 && Math.abs(at.get(1) - 150) <= 3 ? 1 : 0;
    }
    assertThat(found).as("both found of 20").isGreaterThanOrEqualTo(18);
  }

  @Test
  void stepInTheMiddleOfAShortSeriesIsFound() {
    // 77 points, 26% up in the middle, noise of 10%: a line through so short a series follows
    // a step in its middle closely (the step stands under 4 standard errors beyond it), yet the
    // step fits far better than the line.
    int found = 0;
    for (long seed = 1; seed <= 40; seed++) {
      double[] more = noisy(seed, 77, 10, 0.1);
      for (int i = 38; i < more.length; i++) {
        more[i] *= 1.26;
      }
      List<Shift> shifts = detector.detect(more);
      if (shifts.size() == 1 && Math.abs(shifts.get(0).index() - 38) <= 2) {
        assertThat(shifts.get(0).evidence().pValue()).as("seed %d", seed).isLessThan(1e-6);
        found++;
      }
    }
    assertThat(found).as("found of 40").isGreaterThanOrEqualTo(28);
  }

  @Test
  void heavyTailedNoiseIsNotAShift() {
    for (long seed = 1; seed <= 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] values = new double[300];
      for (int i = 0; i < values.length; i++) {
        double chi = 0;
        for (int k = 0; k < 3; k++) {
          double z = random.nextGaussian();
          chi += z * z;
        }
        values[i] = 100 + random.nextGaussian() / Math.sqrt(chi / 3);
      }
      assertThat(detector.detect(values)).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void driftAndShortExcursionsAreNotShifts() {
    // A 3-point excursion next to a few high noise points can still read as a 7-point level:
    // one series in twenty is what the detector does today (bench/detect.sh: none of 18).
    int flagged = 0;
    for (long seed = 1; seed <= 20; seed++) {
      double[] drift = noisy(seed, 290, 100, 0.02);
      for (int i = 0; i < drift.length; i++) {
        drift[i] += 20.0 * i / drift.length;
      }
      double[] excursions = noisy(seed + 50, 290, 100, 0.02);
      for (int i = 0; i < 3; i++) {
        excursions[60 + i] += 14;
        excursions[200 + i] -= 12;
      }
      assertThat(detector.detect(drift)).as("drift, seed %d", seed).isEmpty();
      flagged += detector.detect(excursions).isEmpty() ? 0 : 1;
    }
    assertThat(flagged).as("excursion series flagged of 20").isLessThanOrEqualTo(1);
  }

  @Test
  void deterministicSeriesReportsOnlyTheStepThatStandsOut() {
    for (long seed = 1; seed <= 20; seed++) {
      double[] values = stepwise(seed, 290, 100, 0.3);
      assertThat(detector.detect(values)).as("small steps alone, seed %d", seed).isEmpty();
      for (int i = 170; i < values.length; i++) {
        values[i] += 4;
      }
      List<Shift> shifts = detector.detect(values);
      assertThat(shifts).as("seed %d", seed).extracting(Shift::index).containsExactly(170);
      assertThat(shifts.get(0).evidence().pValue()).isLessThan(0.001);
      assertThat(shifts.get(0).evidence().sigmas()).isGreaterThan(8);
    }
  }

  @Test
  void sameValuesGiveTheSameShifts() {
    double[] values = noisy(3, 400, 10, 0.05);
    for (int i = 200; i < values.length; i++) {
      values[i] *= 1.1;
    }
    assertThat(detector.detect(values.clone())).isEqualTo(detector.detect(values.clone()));
  }

  @Test
  void changeFromZeroHasNoRatio() {
    assertThat(new Shift(1, 0, 40, 9, null).change()).isEmpty();
    assertThat(new Shift(1, 50, 60, 9, null).change()).hasValue(0.2);
  }
}
