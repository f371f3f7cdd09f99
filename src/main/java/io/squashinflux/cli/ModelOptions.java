package io.squashinflux.cli;

import io.squashinflux.mapping.Mapping;
import io.squashinflux.mapping.ModelChoice;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The data model: a built-in or user mapping, and the overrides the command line allows. */
final class ModelOptions {

  @Option(names = "--mapping", paramLabel = "NAME|FILE", defaultValue = "notebook",
      description = "Data model: 'notebook' (one field per full metric name, meta as tags,"
          + " time date_created), 'squash' (what SQuaSH's own sync task wrote, time ci-run), or a"
          + " mapping file (default: ${DEFAULT-VALUE}).")
  String mapping;

  @Option(names = "--include-dataset", paramLabel = "NAME",
      description = "Write only jobs of these datasets (repeatable); wins over the exclusions.")
  List<String> include = new ArrayList<>();

  @Option(names = "--exclude-dataset", paramLabel = "NAME",
      description = "Also skip jobs of this dataset (repeatable); notebook skips 'unknown' and"
          + " 'decam' by default, squash skips none.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--no-default-excludes",
      description = "Clear the model's default dataset exclusions (unknown, decam).")
  boolean clearExcludes;

  @Option(names = "--time", paramLabel = "SOURCE",
      description = "Point time: date_created (upload time; for job files meta.env.date),"
          + " run (meta.env.date) or ci-run (date_created of the CI run's first job, from"
          + " GET /jenkins/<ci_id>; for job files, which have no API to ask, date_created with a"
          + " note) (default: the model's: date_created for notebook, ci-run for squash).")
  String time;

  @Option(names = "--packages",
      description = "Also write a 'packages' measurement: one point per job and package with its"
          + " git sha, branch, eups version and URL.")
  boolean packages;

  /** The mapping with the overrides applied; mistakes are user errors. */
  Mapping load() {
    return choice().load();
  }

  /** The model's name and a hash of its whole definition and overrides, for the state. */
  String fingerprint() {
    return choice().fingerprint();
  }

  private ModelChoice choice() {
    return new ModelChoice(mapping, include, exclude, clearExcludes, time, packages);
  }
}
