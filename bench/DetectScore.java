import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shift detector scored against known truth (bench/detect.sh runs it, with the detector's
 * classes on the class path: this tree's, or an older one's; it finds the detector by reflection
 * so one scorer serves both).
 *
 * <p>Series of 290 points at a level of 100, noise of 2 (2%), of these kinds, each with shifts of
 * 1.5, 2, 3, 4 and 6 noise sd (standard deviations) and SEEDS seeds:
 * step (gaussian noise), step-t3 (student-t, 3 degrees of freedom, scaled to sd 2), step-ar1
 * (AR(1) noise, rho 0.6, marginal sd 2), step-outliers (3% of points off by 5-10 sd), fixed (a
 * regression that is fixed 30 to 90 points later: two changes), two-steps (two steps the same
 * way, 40 to 100 points apart) and stepwise-big (a deterministic series moving in small steps,
 * code changes every 12 points on average, each a gaussian step of sd 0.3, plus one step of 4, 6
 * or 10 typical steps). Quiet kinds, nothing to find, 3 variants per seed: clean, clean-t3,
 * clean-ar1, drift (3, 6 or 10 sd over the series), spikes (5 single points off by 6-15 sd),
 * transient (two 3-point excursions of 4-8 sd), stepwise (the deterministic series alone).
 *
 * <p>A detection counts when it is within 3 points of a true change of the same direction, each
 * true change matched once; every other detection is a false alarm.
 *
 * <p>Usage: {@code java -cp CLASSES bench/DetectScore.java LABEL SEEDS [--alarms] [W MAXW T MINCHANGE]}
 */
public class DetectScore {
  static final int N = 290;
  static final double LEVEL = 100;
  static final double SD = 2;
  static final double[] SIZES = {1.5, 2, 3, 4, 6};
  static final double[] STEPWISE_SIZES = {4, 6, 10};
  static final double RHO = 0.6;

  record Change(int at, int sign) {}

  record Case(String kind, String size, double[] values, List<Change> truth) {}

  record Found(int at, double before, double after) {}

  static final class Tally {
    int series, truth, hit, alarms, flagged;

    void add(int truth, int hit, int alarms) {
      series++;
      this.truth += truth;
      this.hit += hit;
      this.alarms += alarms;
      flagged += truth == 0 && alarms > 0 ? 1 : 0;
    }

    String row(String name) {
      int reported = hit + alarms;
      double p = reported == 0 ? 1 : (double) hit / reported;
      double r = truth == 0 ? Double.NaN : (double) hit / truth;
      double f1 = truth == 0 ? Double.NaN : 2 * p * r / (p + r);
      return String.format("| %s | %d | %d | %d of %d | %d | %s | %s | %s | %s |", name, series,
          truth, hit, truth, alarms, pct(p), truth == 0 ? "-" : pct(r),
          truth == 0 ? "-" : String.format("%.3f", f1),
          truth == 0 ? flagged + " of " + series : "-");
    }
  }

  static String pct(double v) {
    return String.format("%.1f%%", 100 * v);
  }

  public static void main(String[] args) throws Exception {
    String label = args[0];
    int seeds = Integer.parseInt(args[1]);
    boolean listAlarms = List.of(args).contains("--alarms");
    List<String> settings = List.of(args).subList(2, args.length).stream()
        .filter(a -> !a.equals("--alarms")).toList();
    Detector detector = new Detector(settings);
    Map<String, Tally> byKind = new LinkedHashMap<>();
    Map<String, Tally> bySize = new LinkedHashMap<>();
    Tally all = new Tally();
    Tally quiet = new Tally();
    long nanos = 0;
    for (Case c : cases(seeds)) {
      long t0 = System.nanoTime();
      List<Found> found = detector.detect(c.values());
      nanos += System.nanoTime() - t0;
      boolean[] used = new boolean[c.truth().size()];
      int hit = 0;
      int alarms = 0;
      for (Found f : found) {
        int sign = (int) Math.signum(f.after() - f.before());
        int match = -1;
        for (int k = 0; k < used.length; k++) {
          Change t = c.truth().get(k);
          if (!used[k] && t.sign() == sign && Math.abs(t.at() - f.at()) <= 3) {
            match = k;
            break;
          }
        }
        if (match >= 0) {
          used[match] = true;
          hit++;
        } else {
          alarms++;
          if (listAlarms) {
            System.out.printf("  alarm: %s %s at %d (%.4g -> %.4g), truth %s%n", c.kind(), c.size(),
                f.at(), f.before(), f.after(), c.truth());
          }
        }
      }
      if (listAlarms && hit < c.truth().size()) {
        System.out.printf("  missed: %s %s, truth %s, found %s%n", c.kind(), c.size(), c.truth(),
            found.stream().map(f -> f.at()).toList());
      }
      int truth = c.truth().size();
      byKind.computeIfAbsent(c.kind(), k -> new Tally()).add(truth, hit, alarms);
      if (truth > 0) {
        bySize.computeIfAbsent((c.kind().equals("stepwise-big") ? "deterministic step of " : "")
            + c.size(), k -> new Tally()).add(truth, hit, alarms);
        all.add(truth, hit, alarms);
      } else {
        quiet.add(0, 0, alarms);
      }
    }
    System.out.printf("%n## %s: %d series (%d with changes, %d quiet), %d seeds; detection %.0f ms%n%n",
        label, all.series + quiet.series, all.series, quiet.series, seeds, nanos / 1e6);
    String head = "| %s | series | true changes | found | false alarms | precision | recall | F1 | quiet series flagged |%n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|%n";
    System.out.printf(head, "kind");
    byKind.forEach((k, t) -> System.out.println(t.row(k)));
    System.out.println(all.row("**all with changes**"));
    System.out.println(quiet.row("**all quiet**"));
    System.out.printf("%n" + head, "shift (noise sd)");
    bySize.forEach((k, t) -> System.out.println(t.row(k)));
  }

  /** Every series, in a fixed order: the same SEEDS give the same series. */
  static List<Case> cases(int seeds) {
    List<Case> out = new ArrayList<>();
    String[] changing = {"step", "step-t3", "step-ar1", "step-outliers", "fixed", "two-steps"};
    String[] calm = {"clean", "clean-t3", "clean-ar1", "drift", "spikes", "transient", "stepwise"};
    for (int seed = 1; seed <= seeds; seed++) {
      for (String kind : changing) {
        for (double size : SIZES) {
          SplittableRandom r = new SplittableRandom(seed * 1000L + kind.hashCode() * 31L + (long) (size * 10));
          out.add(changing(kind, size, r));
        }
      }
      for (double size : STEPWISE_SIZES) {
        SplittableRandom r = new SplittableRandom(seed * 1000L + 7 + (long) (size * 10));
        double[] v = stepwise(r);
        int at = 30 + r.nextInt(N - 60);
        int sign = r.nextBoolean() ? 1 : -1;
        for (int i = at; i < N; i++) {
          v[i] += sign * size * 0.3;
        }
        out.add(new Case("stepwise-big", fmt(size), v, List.of(new Change(at, sign))));
      }
      for (String kind : calm) {
        for (int variant = 0; variant < 3; variant++) {
          SplittableRandom r = new SplittableRandom(seed * 7919L + kind.hashCode() + variant);
          out.add(new Case(kind, "-", quiet(kind, variant, r), List.of()));
        }
      }
    }
    return out;
  }

  static Case changing(String kind, double size, SplittableRandom r) {
    String noise = switch (kind) {
      case "step-t3" -> "t3";
      case "step-ar1" -> "ar1";
      case "step-outliers" -> "outliers";
      default -> "gaussian";
    };
    double[] v = noise(noise, r);
    int sign = r.nextBoolean() ? 1 : -1;
    List<Change> truth = new ArrayList<>();
    if (kind.equals("fixed")) {
      int at = 40 + r.nextInt(120);
      int back = at + 30 + r.nextInt(61);
      shift(v, at, back, sign * size * SD);
      truth.add(new Change(at, sign));
      truth.add(new Change(back, -sign));
    } else if (kind.equals("two-steps")) {
      int at = 40 + r.nextInt(80);
      int second = at + 40 + r.nextInt(61);
      shift(v, at, N, sign * size * SD);
      shift(v, second, N, sign * size * SD);
      truth.add(new Change(at, sign));
      truth.add(new Change(second, sign));
    } else {
      int at = 30 + r.nextInt(N - 60);
      shift(v, at, N, sign * size * SD);
      truth.add(new Change(at, sign));
    }
    return new Case(kind, fmt(size), v, truth);
  }

  static double[] quiet(String kind, int variant, SplittableRandom r) {
    switch (kind) {
      case "clean-t3":
        return noise("t3", r);
      case "clean-ar1":
        return noise("ar1", r);
      case "stepwise":
        return stepwise(r);
      case "drift": {
        double[] v = noise("gaussian", r);
        double total = new double[] {3, 6, 10}[variant] * SD * (r.nextBoolean() ? 1 : -1);
        for (int i = 0; i < N; i++) {
          v[i] += total * i / N;
        }
        return v;
      }
      case "spikes": {
        double[] v = noise("gaussian", r);
        for (int k = 0; k < 5; k++) {
          v[r.nextInt(N)] += (r.nextBoolean() ? 1 : -1) * (6 + 9 * r.nextDouble()) * SD;
        }
        return v;
      }
      case "transient": {
        double[] v = noise("gaussian", r);
        for (int k = 0; k < 2; k++) {
          // One in each half, so that the two never join into a longer level.
          int at = k * N / 2 + 10 + r.nextInt(N / 2 - 20);
          shift(v, at, at + 3, (r.nextBoolean() ? 1 : -1) * (4 + 4 * r.nextDouble()) * SD);
        }
        return v;
      }
      default:
        return noise("gaussian", r);
    }
  }

  static double[] noise(String kind, SplittableRandom r) {
    double[] v = new double[N];
    double ar = r.nextGaussian();
    for (int i = 0; i < N; i++) {
      double e = switch (kind) {
        case "t3" -> {
          double chi = 0;
          for (int k = 0; k < 3; k++) {
            double z = r.nextGaussian();
            chi += z * z;
          }
          yield r.nextGaussian() / Math.sqrt(chi / 3) / Math.sqrt(3);
        }
        case "ar1" -> ar = RHO * ar + Math.sqrt(1 - RHO * RHO) * r.nextGaussian();
        case "outliers" -> r.nextGaussian()
            + (r.nextDouble() < 0.03 ? (r.nextBoolean() ? 1 : -1) * (5 + 5 * r.nextDouble()) : 0);
        default -> r.nextGaussian();
      };
      v[i] = LEVEL + SD * e;
    }
    return v;
  }

  /** The same value until the next code change, every 12 points on average, each a small step. */
  static double[] stepwise(SplittableRandom r) {
    double[] v = new double[N];
    double level = LEVEL;
    for (int i = 0; i < N; i++) {
      if (i > 0 && r.nextDouble() < 1.0 / 12) {
        level += 0.3 * r.nextGaussian();
      }
      v[i] = level;
    }
    return v;
  }

  static void shift(double[] v, int from, int to, double by) {
    for (int i = from; i < Math.min(to, v.length); i++) {
      v[i] += by;
    }
  }

  static String fmt(double size) {
    return (size == Math.rint(size) ? String.valueOf((int) size) : String.valueOf(size)) + " sd";
  }

  /** The detector on the class path, whichever package it lives in. */
  static final class Detector {
    private final Object detector;
    private final Method detect;

    /** With the default settings, or these four: window, max window, threshold, min change. */
    Detector(List<String> given) throws Exception {
      Class<?> type = null;
      for (String pkg : List.of("io.squashinflux.detect", "io.squashinflux.trends")) {
        try {
          type = Class.forName(pkg + ".Detector");
          break;
        } catch (ClassNotFoundException e) {
          // the other layout
        }
      }
      if (type == null) {
        throw new IllegalStateException("no Detector on the class path");
      }
      Class<?> settings = Class.forName(type.getPackageName() + ".DetectorSettings");
      Object chosen = given.isEmpty() ? settings.getField("DEFAULT").get(null)
          : settings.getConstructor(int.class, int.class, double.class, double.class).newInstance(
              Integer.parseInt(given.get(0)), Integer.parseInt(given.get(1)),
              Double.parseDouble(given.get(2)), Double.parseDouble(given.get(3)));
      System.out.println("settings: " + chosen);
      detector = type.getConstructor(settings).newInstance(chosen);
      detect = type.getMethod("detect", double[].class);
    }

    List<Found> detect(double[] values) throws Exception {
      List<Found> out = new ArrayList<>();
      for (Object shift : (List<?>) detect.invoke(detector, (Object) values)) {
        Class<?> c = shift.getClass();
        out.add(new Found((int) c.getMethod("index").invoke(shift),
            (double) c.getMethod("before").invoke(shift), (double) c.getMethod("after").invoke(shift)));
      }
      return out;
    }
  }
}
