package io.squashinflux.sync;

import io.squashinflux.ledger.Summary;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.source.SourceException;
import io.squashinflux.state.StateException;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The cycles of one {@code watch} over a {@link SyncRun}: the destination is prepared until that
 * once succeeds (an outage at start is ridden out like any other), and {@code --full} and
 * {@code --retry-rejected} apply to the first cycle only.
 */
public final class WatchCycles implements WatchLoop.Cycle {
  private final SyncRun run;
  private final boolean full;
  private final boolean retryRejected;
  private final PrintWriter err;
  private final boolean quiet;
  private final After after;
  private boolean prepared;
  private boolean first = true;

  /** What a watch does after each cycle, such as making its report again. */
  public interface After {
    void after(Summary cycle) throws InterruptedException;
  }

  public WatchCycles(SyncRun run, boolean full, boolean retryRejected, PrintWriter err,
      boolean quiet, After after) {
    this.after = after;
    this.run = run;
    this.full = full;
    this.retryRejected = retryRejected;
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public Summary run() throws SourceException, DeliveryException, StateException,
      InterruptedException, IOException {
    if (!prepared) {
      run.prepare();
      prepared = true;
    }
    Summary summary = run.cycle(full && first, retryRejected && first,
        ProgressDisplay.forConsole(err, quiet));
    if (first && !quiet) {
      // After the first cycle, so that a configuration error stays the one line printed.
      err.println("squash-influx: writing with " + run.target());
      err.flush();
    }
    first = false;
    after.after(summary);
    return summary;
  }
}
