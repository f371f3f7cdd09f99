package io.squashinflux.demo;

import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.IOException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.source.PackageVersion;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates realistic SQuaSH jobs, deterministically from a seed.
 *
 * <p>Job N is a pure function of the settings and N: it draws from its own random stream, so jobs
 * can be generated in any order, on request, and without holding any other job. Jobs are grouped
 * into CI runs of one job per dataset ({@code ci_id} from 1001 on); the packages of each run come
 * from a {@link PackageHistory}.
 */
public final class JobGenerator {
  private static final long FIRST_CI_ID = 1001;

  private final GeneratorSettings settings;
  private final Regression regression;
  private final PackageHistory history;

  public JobGenerator(GeneratorSettings settings) {
    this.settings = settings;
    Regression r = settings.regression();
    Instant middle = settings.start().plus(settings.span().dividedBy(2));
    this.regression = r == null || r.at() != null ? r : r.at(middle.truncatedTo(ChronoUnit.SECONDS));
    this.history = new PackageHistory(settings.seed());
  }

  /** Default settings for this seed and planned count. */
  public static JobGenerator withSeed(long seed, int count) {
    return new JobGenerator(GeneratorSettings.of(seed, count));
  }

  public GeneratorSettings settings() {
    return settings;
  }

  /** The planted regression with its actual date, if any. */
  public Optional<Regression> regression() {
    return Optional.ofNullable(regression);
  }

  /** The threshold specs the sample API serves on {@code GET /specs}: {@code {"specs": [...]}}. */
  public static JsonNode specs() {
    return JobShapes.MAPPER.createObjectNode().set("specs", Reference.specs());
  }

  /** The planted steps, outliers, drifts and nulls besides the regression. */
  public List<Plant> plants() {
    return settings.plants();
  }

  /** How many jobs one CI run holds: one per dataset. */
  public int jobsPerRun() {
    return Catalog.DATASETS.size();
  }

  /** The {@code date_created} of job {@code id}, whole seconds, evenly spread over the span. */
  public Instant dateCreated(long id) {
    long spanSeconds = settings.span().toSeconds();
    long offset = Math.multiplyExact(id - 1, spanSeconds) / settings.count();
    return settings.start().plusSeconds(offset);
  }

  /** The {@code meta.env.ci_id} of job {@code id}. */
  public String ciId(long id) {
    return Long.toString(FIRST_CI_ID + run(id));
  }

  /** The job in the {@code GET /job/<id>} response shape. */
  public JsonNode apiJob(long id) {
    return JobShapes.api(draft(id));
  }

  /** The job as an lsst.verify job file. */
  public JsonNode verifyJob(long id) {
    return JobShapes.verify(draft(id));
  }

  /** The job's JSON document in this shape. */
  public byte[] bytes(long id, JobFormat format) {
    JsonNode node = format == JobFormat.API ? apiJob(id) : verifyJob(id);
    try {
      return JobShapes.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  long run(long id) {
    checkId(id);
    return (id - 1) / jobsPerRun();
  }

  /** The run a {@code ci_id} names, or -1 when it names none. */
  long runOf(String ciId) {
    try {
      long run = Long.parseLong(ciId) - FIRST_CI_ID;
      return run >= 0 ? run : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  long firstJobOf(long run) {
    return run * jobsPerRun() + 1;
  }

  List<PackageVersion> packagesOf(long run) {
    return history.at(run);
  }

  Draft draft(long id) {
    checkId(id);
    SplittableRandom random = Seeds.random(settings.seed(), id);
    int slot = (int) ((id - 1) % jobsPerRun());
    Catalog.Dataset dataset = Catalog.DATASETS.get(slot);
    String datasetName =
        random.nextDouble() < settings.unknownShare() ? "unknown" : dataset.name();
    String filter = dataset.filters().get(random.nextInt(dataset.filters().size()));
    Instant created = dateCreated(id);
    // The run ended minutes to an hour before its upload; lsst.verify writes microseconds.
    Instant runDate =
        created.minusSeconds(60 + random.nextInt(3600)).plusNanos(random.nextInt(1_000_000) * 1000L);
    Map<String, String> blobs = new LinkedHashMap<>();
    List<Draft.Value> values = values(random, id, dataset, datasetName, filter, created, blobs);
    String refs =
        random.nextDouble() < 0.1 ? "tickets/DM-" + (10000 + random.nextInt(30000)) + " master" : "master";
    int status = random.nextDouble() < 0.02 ? 1 : 0;
    return new Draft(id, created, runDate, ciId(id), datasetName, dataset, filter, values, blobs,
        history.at(run(id)), refs, status);
  }

  private List<Draft.Value> values(SplittableRandom random, long id, Catalog.Dataset dataset,
      String datasetName, String filter, Instant created, Map<String, String> blobs) {
    List<String> packages = new ArrayList<>(List.of("validate_drp"));
    packages.addAll(dataset.extraPackages());
    if (!packages.contains("ap_verify") && random.nextDouble() < 0.2) {
      packages.add("ap_verify");
    }
    double datasetFactor = 1 + 0.15 * Catalog.DATASETS.indexOf(dataset);
    double filterFactor = 1 + 0.03 * "grizy".indexOf(filter);
    double elapsed = (double) Duration.between(settings.start(), created).toSeconds()
        / settings.span().toSeconds();
    double drift = 1 - 0.1 * Math.min(1, Math.max(0, elapsed)); // the stack slowly improves
    List<Draft.Value> out = new ArrayList<>();
    for (Catalog.Metric metric : Catalog.METRICS) {
      if (!packages.contains(metric.packageName())) {
        continue;
      }
      blobs.computeIfAbsent(metric.packageName(), p -> Seeds.hex(random, 32));
      double v = metric.typical() * datasetFactor * filterFactor * drift
          * Math.abs(1 + metric.scatter() * random.nextGaussian());
      if (metric.unit().equals("%")) {
        v = Math.min(100, v);
      }
      if (regression != null && regression.affects(metric.name(), datasetName, created)) {
        v *= regression.factor();
      }
      double nullShare = settings.nullShare();
      for (Plant plant : settings.plants()) {
        if (plant.on(metric.name(), datasetName, filter)) {
          v *= plant.factor(id, elapsed);
          nullShare = plant.kind() == Plant.Kind.NULLS ? plant.size() : nullShare;
        }
      }
      Double value = random.nextDouble() < nullShare ? null : v;
      out.add(new Draft.Value(metric, value, Seeds.hex(random, 32)));
    }
    return out;
  }

  private static void checkId(long id) {
    if (id < 1) {
      throw new IllegalArgumentException("job ids start at 1: " + id);
    }
  }

  /**
   * Writes every job into {@code folder} in this format, each file appearing whole: a server
   * rescanning the folder never reads half a job.
   */
  public void writeFiles(Path folder, JobFormat format) throws IOException {
    Files.createDirectories(folder);
    for (long id = 1; id <= settings.count(); id++) {
      Path file = folder.resolve(format.fileName(id));
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.write(tmp, bytes(id, format));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
