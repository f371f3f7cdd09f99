package io.squashinflux.mapping;

import io.squashinflux.failure.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The data model a run is asked for: a built-in model or a mapping file, with the dataset
 * filter, time source and packages overridden (a null {@code time} keeps the model's).
 */
public record ModelChoice(String name, List<String> include, List<String> exclude,
    boolean clearExcludes, String time, boolean packages) {

  /** The mapping with the overrides applied; mistakes are user errors. */
  public Mapping load() {
    Mapping result = mapping(name);
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
    return packages ? result.withPackages(true) : result;
  }

  /** A built-in model or a mapping file; mistakes are user errors. */
  public static Mapping mapping(String name) {
    try {
      return Mapping.BUILT_IN.contains(name) ? Mapping.builtIn(name) : Mapping.load(Path.of(name));
    } catch (IOException e) {
      throw new UserError("--mapping " + name + ": not a built-in model ("
          + String.join(", ", Mapping.BUILT_IN) + ") and not a readable file");
    } catch (MappingException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The model's name and a hash of its whole definition and overrides, for the state. */
  public String fingerprint() {
    return ModelFingerprint.of(name, "include=" + include + "\nexclude=" + exclude + "\nclear="
        + clearExcludes + "\ntime=" + time + "\npackages=" + packages);
  }
}
