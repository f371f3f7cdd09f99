package io.squashinflux.cli;

import io.squashinflux.files.Writable;
import io.squashinflux.state.Identity;
import io.squashinflux.state.StateFolder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where progress is kept between runs. */
final class StateOptions {

  @Option(names = "--state", paramLabel = "FILE",
      description = "State file recording which jobs are synced (default: one file per source,"
          + " database and model under $XDG_STATE_HOME/squash-influx, or"
          + " ~/.local/state/squash-influx).")
  Path state;

  @Option(names = "--full", description = "Sync every job again, not only the new and failed ones.")
  boolean full;

  @Option(names = "--retry-rejected",
      description = "Send again the jobs the state keeps as refused (InfluxDB refused some of their"
          + " lines), e.g. after raising a series limit or dropping a conflicting field.")
  boolean retryRejected;

  @Option(names = "--no-state",
      description = "Keep no state: read and write every job, remember nothing.")
  boolean noState;

  /** The state file for this identity: the one given, or a default of its own. */
  Path path(Identity identity, String database) {
    if (state != null) {
      return state;
    }
    return StateFolder.file(database, identity, ".json");
  }

  /**
   * Checks, before InfluxDB is asked anything, that the state (and the rejects file beside it,
   * or {@code rejects} when given) can be written where it goes.
   */
  void checkWritable(Path rejects) {
    if (!noState) {
      Writable.check("--state", state != null ? state : StateFolder.path().resolve("state.json"), true);
    }
    if (rejects != null) {
      Writable.check("--rejects", rejects, true);
    }
  }
}
