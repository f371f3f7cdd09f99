package io.squashinflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.Plant;
import io.squashinflux.demo.Plants;
import io.squashinflux.trends.Detector;
import io.squashinflux.trends.DetectorSettings;
import io.squashinflux.trends.Shift;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection and false-alarm rates of the report's detector on generated series (bench/detect.sh):
 * {@code DetectBench SEEDS JOBS [window maxWindow threshold minChange]}. Each seed plants 20 steps
 * of +20% to +60%, 10 outliers, 10 drifts and 5 null-heavy series; every other series is clean.
 */
public final class DetectBench {
  private DetectBench() {}

  public static void main(String[] args) {
    int seeds = Integer.parseInt(args[0]);
    int jobs = Integer.parseInt(args[1]);
    DetectorSettings settings = args.length > 2 ? new DetectorSettings(Integer.parseInt(args[2]),
        Integer.parseInt(args[3]), Double.parseDouble(args[4]), Double.parseDouble(args[5]))
        : DetectorSettings.DEFAULT;
    Detector detector = new Detector(settings);
    int steps = 0, found = 0, clean = 0, cleanAlarms = 0;
    Map<Plant.Kind, int[]> byKind = new LinkedHashMap<>();
    long points = 0;
    for (int seed = 1; seed <= seeds; seed++) {
      GeneratorSettings s = Plants.plan(GeneratorSettings.of(seed, jobs).withRegression(null),
          20, 10, 10, 5);
      JobGenerator generator = new JobGenerator(s);
      Map<String, List<long[]>> ids = new LinkedHashMap<>();
      Map<String, List<Double>> values = new LinkedHashMap<>();
      for (long id = 1; id <= jobs; id++) {
        JsonNode job = generator.apiJob(id);
        String series = job.path("ci_dataset").asText() + "|" + job.path("meta").path("filter_name").asText();
        for (JsonNode m : job.path("measurements")) {
          if (m.path("value").isNumber()) {
            String key = m.path("metric").asText() + "|" + series;
            ids.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {id});
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(m.path("value").asDouble());
          }
        }
      }
      for (var entry : values.entrySet()) {
        double[] v = entry.getValue().stream().mapToDouble(Double::doubleValue).toArray();
        points += v.length;
        List<Shift> shifts = detector.detect(v);
        Plant plant = s.plants().stream().filter(p -> (p.metric() + "|" + p.dataset() + "|" + p.filter())
            .equals(entry.getKey())).findFirst().orElse(null);
        if (plant != null && plant.kind() == Plant.Kind.STEP) {
          steps++;
          int planted = index(ids.get(entry.getKey()), plant.job());
          boolean hit = shifts.size() == 1 && Math.abs(shifts.get(0).index() - planted) <= 1;
          found += hit ? 1 : 0;
        } else {
          clean++;
          cleanAlarms += shifts.isEmpty() ? 0 : 1;
          if (plant != null) {
            int[] k = byKind.computeIfAbsent(plant.kind(), x -> new int[2]);
            k[0]++;
            k[1] += shifts.isEmpty() ? 0 : 1;
          }
        }
      }
    }
    System.out.printf("settings %s; %d seeds x %d jobs, %d points%n", settings, seeds, jobs, points);
    System.out.printf("detection: %d of %d planted steps found within one point (%.1f%%)%n", found,
        steps, 100.0 * found / steps);
    System.out.printf("false alarms: %d of %d series without a step flagged (%.2f%%)%n", cleanAlarms,
        clean, 100.0 * cleanAlarms / clean);
    byKind.forEach((kind, k) -> System.out.printf("  of which %s: %d of %d flagged%n", kind, k[1], k[0]));
  }

  private static int index(List<long[]> ids, long job) {
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i)[0] == job) {
        return i;
      }
    }
    return -1;
  }
}
