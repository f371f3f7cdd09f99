package io.squashinflux.cli;

import io.squashinflux.files.Writable;
import io.squashinflux.failure.UserError;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Proxies;
import io.squashinflux.dashboards.DashboardException;
import io.squashinflux.dashboards.Dashboards;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dashboards}: Chronograf and Grafana dashboards made from what the database holds. */
@Command(
    name = "dashboards",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Write Chronograf and Grafana dashboards for the metrics in InfluxDB: one per verification"
          + " package, a graph per metric with its unit and spec levels, variables to pick datasets"
          + " and filters. Reads SHOW MEASUREMENTS, FIELD KEYS and TAG VALUES; --mapping says which"
          + " tag is the dataset, which the filter and which field is which metric.",
      "Writes DIR/chronograf/*.json (Chronograf's Import Dashboard), DIR/grafana/*.json, Grafana"
          + " provisioning files under DIR/provisioning and DIR/README.txt."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx dashboards --for all -o dashboards --db squash --squash-url http://localhost:5000",
      "  squash-influx dashboards --for chronograf -o dash --upload http://localhost:8888",
      "  GRAFANA_TOKEN=glsa_... squash-influx dashboards --for grafana -o dash --mapping squash \\",
      "      --specs job.verify.json --upload http://localhost:3000",
      "",
      "Exit codes: 0 written (and uploaded); 1 an upload or read failed on the way;",
      "2 usage or configuration error, refused credentials, or a database with no points."
    })
final class DashboardsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin InfluxOptions influx;
  @Mixin ModelOptions model;
  @Mixin ConfigOptions config;
  @Mixin SpecsOptions reference;

  @Option(names = "--for", paramLabel = "KIND", required = true,
      description = "chronograf, grafana or all.")
  Dashboards.Kind kind;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
      description = "Folder to write into (made when missing; files of the same name replaced).")
  Path out;

  @Option(names = "--upload", paramLabel = "URL",
      description = "Also put the dashboards into this Chronograf or Grafana (one --for kind),"
          + " replacing those of the same title. Grafana's token comes from env GRAFANA_TOKEN,"
          + " Chronograf's (when it has auth) from CHRONOGRAF_TOKEN; never printed.")
  String upload;

  @Override
  public Integer call() {
    Writable.folder("-o", out);
    try { // a DashboardException says itself which exit code it means
      Dashboards.Request request = new Dashboards.Request(influx.target(http()), model.load(), kind, out,
          reference.specs, reference.squashUrl(), SpecsOptions.httpUrl("--upload", upload), token());
      return Dashboards.run(request, spec.commandLine().getOut());
    } finally {
      spec.commandLine().getOut().flush();
    }
  }

  /** Proxies from the environment, as for sync; --ca-cert is added by the InfluxDB options. */
  private static HttpSettings http() {
    try {
      return HttpSettings.defaults().withProxies(Proxies.fromEnvironment());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private String token() {
    String name = kind == Dashboards.Kind.grafana ? "GRAFANA_TOKEN" : "CHRONOGRAF_TOKEN";
    String token = System.getenv(name);
    return token == null || token.isBlank() ? null : token.strip();
  }
}
