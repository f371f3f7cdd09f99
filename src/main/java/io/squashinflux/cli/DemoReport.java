package io.squashinflux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.JobGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's last step: the real {@code report} over the synced database, with the sample API's
 * specs saved next to the data so that a kept demo can run the report again.
 */
final class DemoReport {
  private final URI influx;
  private final String database;
  private final String mapping;
  private final Path report;
  private final Path work;
  private final boolean verbose;

  DemoReport(URI influx, String database, String mapping, Path report, Path work, boolean verbose) {
    this.influx = influx;
    this.database = database;
    this.mapping = mapping;
    this.report = report;
    this.work = work;
    this.verbose = verbose;
  }

  int run(PrintWriter out, PrintWriter err, boolean keep) throws IOException {
    Path specs = work.resolve("specs.json");
    // The sample API's specs, saved: the API stops with the demo, the data may stay.
    new ObjectMapper().writeValue(specs.toFile(), JobGenerator.specs());
    List<String> args = new ArrayList<>(List.of("report", "--influx-url", influx.toString(),
        "--db", database, "--mapping", mapping, "--specs", specs.toString(),
        "-o", report.toString()));
    if (verbose) {
      args.add("--verbose");
    }
    out.println();
    out.println("Trend report: " + DemoReport.command() + " " + String.join(" ", args));
    out.flush();
    String[] command = args.toArray(String[]::new);
    int code = Main.commandLine(verbose, out, err, command).execute(command);
    if (code == Main.OK) {
      out.println("Open it in a browser: " + report.toAbsolutePath().toUri());
      if (keep) {
        out.println("Run the report again (influxd and " + specs + " are kept):");
        out.println("  " + command() + " " + String.join(" ", args));
      }
    }
    out.flush();
    return code;
  }

  /** How the user runs this program: the launcher script's path as started, else its name. */
  static String command() {
    return System.getProperty("squash.influx.command", "squash-influx");
  }
}
