package io.squashinflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.Plant;
import io.squashinflux.demo.Plants;
import io.squashinflux.demo.Regression;
import io.squashinflux.detect.Detector;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Shift;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recall, precision and false alarms of the report's detector on generated series
 * (bench/detect.sh): {@code DetectBench SEEDS JOBS [window maxWindow threshold minChange]}.
 * Two scenarios per seed: "planted" (20 steps of +20% to +60%, 10 outliers, 10 drifts, 5
 * null-heavy series, no default regression) and "demo" (what {@code squash-influx demo} serves:
 * the PA1 regression on the 5 HSC filters, nothing else). A step counts as found when it is the
 * series' only shift and within one point of where it was planted; every other shift is a false
 * alarm.
 */
public final class DetectBench {
  private DetectBench() {}

  /** Counts over the seeds of one scenario. */
  private static final class Tally {
    int seed, steps, found, shifts, clean, cleanFlagged;
    long points;
    final Map<Plant.Kind, int[]> byKind = new LinkedHashMap<>();
    final List<String> alarms = new ArrayList<>();
  }

  public static void main(String[] args) {
    int seeds = Integer.parseInt(args[0]);
    int jobs = Integer.parseInt(args[1]);
    DetectorSettings settings = args.length > 2 ? new DetectorSettings(Integer.parseInt(args[2]),
        Integer.parseInt(args[3]), Double.parseDouble(args[4]), Double.parseDouble(args[5]))
        : DetectorSettings.DEFAULT;
    Detector detector = new Detector(settings);
    System.out.printf("settings %s; %d seeds x %d jobs%n", settings, seeds, jobs);
    for (String scenario : List.of("planted", "demo")) {
      Tally t = new Tally();
      for (int seed = 1; seed <= seeds; seed++) {
        GeneratorSettings s = scenario.equals("planted")
            ? Plants.plan(GeneratorSettings.of(seed, jobs).withRegression(null), 20, 10, 10, 5)
            : GeneratorSettings.of(seed, jobs);
        t.seed = seed;
        run(new JobGenerator(s), detector, t);
      }
      print(scenario, t);
    }
  }

  private static void run(JobGenerator generator, Detector detector, Tally t) {
    int jobs = generator.settings().count();
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (long id = 1; id <= jobs; id++) {
      JsonNode job = generator.apiJob(id);
      String series = job.path("ci_dataset").asText() + "|" + job.path("meta").path("filter_name").asText();
      for (JsonNode m : job.path("measurements")) {
        if (m.path("value").isNumber()) {
          String key = m.path("metric").asText() + "|" + series;
          ids.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
          values.computeIfAbsent(key, k -> new ArrayList<>()).add(m.path("value").asDouble());
        }
      }
    }
    for (var entry : values.entrySet()) {
      double[] v = entry.getValue().stream().mapToDouble(Double::doubleValue).toArray();
      if (entry.getKey().equals(System.getProperty("dump"))) {
        System.out.println("dump seed " + t.seed + " " + java.util.Arrays.toString(v));
      }
      t.points += v.length;
      List<Shift> shifts = detector.detect(v);
      t.shifts += shifts.size();
      int planted = stepIndex(generator, entry.getKey(), ids.get(entry.getKey()));
      Plant plant = plant(generator, entry.getKey());
      if (planted >= 0) {
        t.steps++;
        boolean hit = shifts.size() == 1 && Math.abs(shifts.get(0).index() - planted) <= 1;
        t.found += hit ? 1 : 0;
        shifts.stream().filter(x -> !hit || x != shifts.get(0))
            .forEach(x -> alarm(t, entry.getKey(), x, "step at " + planted));
      } else {
        t.clean++;
        t.cleanFlagged += shifts.isEmpty() ? 0 : 1;
        shifts.forEach(x -> alarm(t, entry.getKey(), x, plant == null ? "clean" : plant.kind().name()));
        if (plant != null) {
          int[] k = t.byKind.computeIfAbsent(plant.kind(), x -> new int[2]);
          k[0]++;
          k[1] += shifts.isEmpty() ? 0 : 1;
        }
      }
    }
  }

  /** The index of the first point of a planted step or of the regression, or -1 when none. */
  private static int stepIndex(JobGenerator generator, String key, List<Long> ids) {
    Plant plant = plant(generator, key);
    if (plant != null) {
      // The planted job's own value may be null: the step starts at the next point.
      return plant.kind() == Plant.Kind.STEP ? firstFrom(ids, id -> id >= plant.job()) : -1;
    }
    Regression r = generator.regression().orElse(null);
    if (r == null || !key.startsWith(r.metric() + "|" + r.dataset() + "|")) {
      return -1;
    }
    return firstFrom(ids, id -> !generator.dateCreated(id).isBefore(r.at()));
  }

  private static int firstFrom(List<Long> ids, java.util.function.LongPredicate test) {
    for (int i = 0; i < ids.size(); i++) {
      if (test.test(ids.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Plant plant(JobGenerator generator, String key) {
    return generator.plants().stream()
        .filter(p -> (p.metric() + "|" + p.dataset() + "|" + p.filter()).equals(key))
        .findFirst().orElse(null);
  }

  private static void alarm(Tally t, String key, Shift x, String what) {
    t.alarms.add(String.format("seed %d %s (%s): point %d, %.4g -> %.4g (%+.1f%%), score %.2f",
        t.seed, key, what, x.index(), x.before(), x.after(), 100 * x.change().orElse(Double.NaN), x.score()));
  }

  private static void print(String scenario, Tally t) {
    int wrong = t.shifts - t.found;
    System.out.printf("%s (%d series, %d points):%n", scenario, t.steps + t.clean, t.points);
    System.out.printf("  recall: %d of %d planted steps found within one point (%.1f%%)%n",
        t.found, t.steps, 100.0 * t.found / t.steps);
    System.out.printf("  precision: %d of %d shifts reported are planted steps (%.1f%%); %d false"
        + " alarms%n", t.found, t.shifts, t.shifts == 0 ? 100.0 : 100.0 * t.found / t.shifts, wrong);
    System.out.printf("  series without a step flagged: %d of %d (%.2f%%)%n", t.cleanFlagged,
        t.clean, 100.0 * t.cleanFlagged / t.clean);
    t.byKind.forEach((kind, k) -> System.out.printf("    of which %s: %d of %d%n", kind, k[1], k[0]));
    t.alarms.forEach(a -> System.out.println("  false alarm: " + a));
  }
}
