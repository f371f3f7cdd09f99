package io.squashinflux.cli;

import io.squashinflux.delivery.InfluxTarget;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.mapping.TypeCheck;
import io.squashinflux.report.Visible;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --check-types}: compare the fields a mapping writes with those the database holds. */
final class TypeCheckOptions {

  @Option(names = "--check-types",
      description = "Before writing anything, read SHOW FIELD KEYS of --db and stop (exit 2) if"
          + " a field would be written with another type than the one stored, naming the field,"
          + " both types and the mapping line to change.")
  boolean checkTypes;

  /** True when nothing conflicts (or no check was asked); each conflict is printed to {@code err}. */
  boolean passes(Mapping mapping, InfluxTarget target, PrintWriter err) throws InterruptedException {
    if (!checkTypes) {
      return true;
    }
    List<TypeCheck.Conflict> conflicts;
    try {
      conflicts = TypeCheck.conflicts(mapping, InfluxQuery.fieldTypes(target));
    } catch (IOException e) {
      throw new UserError("--check-types: cannot read the field types of " + target.database()
          + ": " + e.getMessage());
    }
    for (TypeCheck.Conflict c : conflicts) {
      err.println(Visible.of("type conflict: " + c.measurement() + " field '" + c.field()
          + "' is stored as " + c.stored() + ", mapping " + mapping.name() + " writes "
          + c.written() + "; change " + c.line()));
    }
    if (!conflicts.isEmpty()) {
      err.println("squash-influx: --check-types: " + conflicts.size() + " field"
          + (conflicts.size() == 1 ? "" : "s") + " would conflict with database '"
          + target.database() + "'; nothing was written");
    }
    err.flush();
    return conflicts.isEmpty();
  }
}
