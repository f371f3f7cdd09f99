package io.squashinflux.sync;

import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.QueryException;
import io.squashinflux.ledger.Visible;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.mapping.TypeCheck;
import io.squashinflux.net.HttpSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code --check-types}: the fields a mapping writes compared with those the database holds. */
public final class TypeGate {
  private TypeGate() {}

  /** True when nothing conflicts; each conflict is printed to {@code err}. */
  public static boolean passes(Mapping mapping, InfluxTarget target, PrintWriter err) {
    List<TypeCheck.Conflict> conflicts = TypeCheck.conflicts(mapping, stored(target));
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

  /** Measurement -> field -> type of the target database; empty when the database does not exist. */
  private static Map<String, Map<String, String>> stored(InfluxTarget target) {
    HttpSettings http = (target.http() == null ? HttpSettings.defaults() : target.http())
        .withTimeouts(target.timeout(), target.timeout());
    try {
      return new InfluxQuery(target, http).fieldTypes("SHOW FIELD KEYS");
    } catch (QueryException e) {
      if (e.reason() == QueryException.Reason.DATABASE_NOT_FOUND) {
        return Map.of();
      }
      throw new UserError("--check-types: cannot read the field types of " + target.database()
          + ": " + e.getMessage());
    }
  }
}
