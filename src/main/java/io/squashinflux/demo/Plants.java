package io.squashinflux.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws a plan of planted patterns from a seed: steps of +20% to +60%, single-point outliers,
 * slow drifts and nulls, each on its own series, never on the series of the default regression.
 * Steps and outliers fall on a job of their series between 30% and 70% of the span.
 */
public final class Plants {
  private static final long SALT = 0x91A47L;
  /** Metrics of low scatter whose values are never capped: a 20% step there is a real signal. */
  private static final List<String> STEPPED = List.of("validate_drp.PA1", "validate_drp.AM1",
      "validate_drp.AM2", "validate_drp.PA1_minimum", "validate_drp.AD1_design");

  private Plants() {}

  /** Settings with {@code steps}, {@code outliers}, {@code drifts} and {@code nulls} plants added. */
  public static GeneratorSettings plan(GeneratorSettings settings, int steps, int outliers,
      int drifts, int nulls) {
    JobGenerator plain = new JobGenerator(settings.withPlants(List.of()));
    SplittableRandom random = Seeds.random(settings.seed(), SALT);
    Set<String> used = new HashSet<>();
    Regression r = plain.regression().orElse(null);
    if (r != null) {
      Catalog.DATASETS.stream().filter(d -> d.name().equals(r.dataset()))
          .forEach(d -> d.filters().forEach(f -> used.add(r.metric() + "|" + d.name() + "|" + f)));
    }
    List<Plant> plants = new ArrayList<>(settings.plants());
    add(plants, used, plain, random, Plant.Kind.STEP, steps);
    add(plants, used, plain, random, Plant.Kind.OUTLIER, outliers);
    add(plants, used, plain, random, Plant.Kind.DRIFT, drifts);
    add(plants, used, plain, random, Plant.Kind.NULLS, nulls);
    return settings.withPlants(plants);
  }

  private static void add(List<Plant> plants, Set<String> used, JobGenerator plain,
      SplittableRandom random, Plant.Kind kind, int count) {
    int count0 = settingsCount(plain);
    for (int made = 0, tries = 0; made < count && tries < 10_000; tries++) {
      long job = count0 * 3L / 10 + 1 + random.nextInt(Math.max(1, count0 * 4 / 10));
      Draft draft = plain.draft(job);
      String metric = kind == Plant.Kind.STEP || kind == Plant.Kind.OUTLIER
          ? STEPPED.get(random.nextInt(STEPPED.size()))
          : Catalog.METRICS.get(random.nextInt(16)).name(); // validate_drp: on every dataset
      String key = metric + "|" + draft.datasetName() + "|" + draft.filter();
      if (draft.datasetName().equals("unknown") || !used.add(key)) {
        continue;
      }
      double size = switch (kind) {
        case STEP -> 1.2 + 0.4 * random.nextDouble();
        case OUTLIER -> 2.5 + random.nextDouble();
        case DRIFT -> 1.3;
        case NULLS -> 0.3;
      };
      plants.add(new Plant(kind, metric, draft.datasetName(), draft.filter(), job, size));
      made++;
    }
  }

  private static int settingsCount(JobGenerator plain) {
    return plain.settings().count();
  }
}
