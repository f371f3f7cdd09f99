package io.squashinflux.cli;

import io.squashinflux.demo.ServeApi;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves a read-only SQuaSH API on loopback until interrupted (SIGINT, SIGTERM). */
@Command(
    name = "serve-api",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Serve a read-only SQuaSH-compatible API on 127.0.0.1, from a folder of job"
        + " files or from generated jobs, until SIGINT or SIGTERM.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  squash-influx serve-api --generate 10000 --seed 7 --port 8080",
      "  squash-influx serve-api --from /tmp/jobs",
      "  squash-influx serve-api --generate 100 --specs ../verify_metrics"
    })
public final class ServeApiCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the jobs come from: exactly one of the two. */
  static final class Source {
    @Option(names = "--from", description = "Folder of API-response job files (<id>.json).")
    Path folder;

    @Option(names = "--generate", description = "Serve N generated jobs.")
    Integer count;
  }

  @Option(names = "--seed", description = "Random seed of generated jobs.", defaultValue = "1")
  long seed;

  @Option(names = "--port", description = "Port on 127.0.0.1; 0 picks a free one.",
      defaultValue = "0")
  int port;

  @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "0ms",
      converter = DurationConverter.class,
      description = "Answer every request this much later, as a remote API would (default: none).")
  java.time.Duration latency;

  @Option(names = "--specs", paramLabel = "DIR",
      description = "Answer /specs and /metrics from this verify_metrics checkout (or its specs/"
          + " or metrics/ folder) instead of the generated catalog's.")
  Path specs;

  @Override
  public Integer call() {
    return new ServeApi(source.folder, source.count, seed, port, latency, specs)
        .run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
