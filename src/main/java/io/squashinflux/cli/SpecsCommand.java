package io.squashinflux.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.specs.Checkout;
import io.squashinflux.specs.SpecsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code specs}: what a verify_metrics checkout resolves to, as SQuaSH would answer it. */
@Command(
    name = "specs",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Resolve the specifications of a verify_metrics checkout (base inheritance, partials,"
          + " anchors) as lsst.verify does and print them as SQuaSH's GET /specs answer;"
          + " with --metrics, print its metric definitions as GET /metrics answers them.",
      "This is what report, dashboards and serve-api read from the same --specs DIR."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx specs ../verify_metrics > specs.json",
      "  squash-influx specs --metrics ../verify_metrics/metrics",
      "",
      "Exit codes: 0 printed; 2 usage error or a file that cannot be resolved (FILE:LINE: what)."
    })
final class SpecsCommand implements Callable<Integer> {
  private static final JsonMapper JSON = new JsonMapper();

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A verify_metrics checkout, or its specs/ or"
      + " metrics/ folder.")
  Path folder;

  @Option(names = "--metrics", description = "Print the metric definitions (GET /metrics) instead.")
  boolean metrics;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Checkout checkout = Checkout.at(folder);
      out.println(JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(metrics ? checkout.metrics() : checkout.specs()));
      out.flush();
      return Main.OK;
    } catch (SpecsException e) {
      err.println(e.getMessage());
      err.flush();
      return Main.CONFIGURATION;
    }
  }
}
