package io.squashinflux.cli;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.sync.TypeGate;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --check-types}: compare the fields a mapping writes with those the database holds. */
final class TypeCheckOptions {

  @Option(names = "--check-types",
      description = "Before writing anything, read SHOW FIELD KEYS of --db and stop (exit 2) if"
          + " a field would be written with another type than the one stored, naming the field,"
          + " both types and the mapping line to change.")
  boolean checkTypes;

  /** True when nothing conflicts (or no check was asked); each conflict is printed to {@code err}. */
  boolean passes(Mapping mapping, InfluxTarget target, PrintWriter err) {
    return !checkTypes || TypeGate.passes(mapping, target, err);
  }
}
