package io.squashinflux.cli;

import io.squashinflux.failure.UserError;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.mapping.MappingException;
import io.squashinflux.mapping.ModelFingerprint;
import io.squashinflux.mapping.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
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
    Mapping result = mapping(mapping);
    if (!include.isEmpty() || !exclude.isEmpty() || clearExcludes) {
      result = result.withDatasetFilter(include, exclude, clearExcludes);
    }
    if (time != null) {
      try {
        result = result.withTimeSource(TimeSource.ofWord(time));
      } catch (IllegalArgumentException e) {
        throw new UserError("--time " + time + ": " + e.getMessage());
      }
    }
    if (packages) {
      result = result.withPackages(true);
    }
    return result;
  }

  /** A built-in model or a mapping file; mistakes are user errors. */
  static Mapping mapping(String mapping) {
    try {
      return Mapping.BUILT_IN.contains(mapping) ? Mapping.builtIn(mapping) : Mapping.load(Path.of(mapping));
    } catch (IOException e) {
      throw new UserError("--mapping " + mapping + ": not a built-in model ("
          + String.join(", ", Mapping.BUILT_IN) + ") and not a readable file");
    } catch (MappingException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The model's name and a hash of its whole definition and overrides, for the state. */
  String fingerprint() {
    return ModelFingerprint.of(mapping, "include=" + include + "\nexclude=" + exclude + "\nclear="
        + clearExcludes + "\ntime=" + time + "\npackages=" + packages);
  }
}
