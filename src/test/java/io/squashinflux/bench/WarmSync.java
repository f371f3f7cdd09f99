package io.squashinflux.bench;

import io.squashinflux.cli.Main;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The same sync run several times in one JVM (bench/run.sh with BENCH_WARM_RUNS): what a sync
 * costs once the JVM's start and warm-up are paid, which a sync started per run pays each time.
 * Each run writes into its own database, {@code DB-1}, {@code DB-2}, ...; the first run is the
 * cold one. Prints one line per run, wall and CPU seconds, and exits 1 if a run did not exit 0.
 *
 * <p>Usage: {@code WarmSync RUNS DB sync-arguments...} (without {@code --db}).
 */
final class WarmSync {
  private WarmSync() {}

  public static void main(String[] args) {
    int runs = Integer.parseInt(args[0]);
    String db = args[1];
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
    PrintWriter err = new PrintWriter(System.err, true);
    int worst = 0;
    for (int run = 1; run <= runs; run++) {
      List<String> sync = new ArrayList<>(List.of(args).subList(2, args.length));
      sync.addAll(List.of("--db", db + "-" + run));
      long wall = System.nanoTime();
      long cpu = os.getProcessCpuTime();
      int code = Main.run(sync.toArray(String[]::new), quiet, err);
      System.out.printf("warm run %d: wall %.3f s, cpu %.3f s, exit %d%n", run,
          (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9, code);
      worst = Math.max(worst, code);
    }
    System.exit(worst == 0 ? 0 : 1);
  }
}
