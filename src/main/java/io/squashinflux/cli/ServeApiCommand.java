package io.squashinflux.cli;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.specs.Checkout;
import io.squashinflux.specs.SpecsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.io.PrintWriter;
import java.nio.file.Files;
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
    PrintWriter err = spec.commandLine().getErr();
    if (source.folder != null && !Files.isDirectory(source.folder)) {
      err.println("serve-api: not a folder: " + source.folder);
      return 2;
    }
    if (source.count != null && source.count < 1) {
      err.println("serve-api: --generate must be at least 1: " + source.count);
      return 2;
    }
    List<JsonNode> reference = null;
    if (specs != null) {
      try {
        reference = Checkout.at(specs).documents(); // all read before anything is served
      } catch (SpecsException e) {
        err.println(e.getMessage());
        return 2;
      }
    }
    SquashApiServer server;
    try {
      server = source.folder != null
          ? SquashApiServer.start(source.folder, port)
          : SquashApiServer.start(JobGenerator.withSeed(seed, source.count), port);
    } catch (IOException e) {
      err.println("serve-api: cannot serve on port " + port + ": " + e.getMessage());
      return 2;
    }
    server.setLatency(latency);
    if (reference != null) {
      try {
        server.serveReference(reference.get(0), reference.get(1));
      } catch (IOException e) {
        server.close();
        err.println("serve-api: " + e.getMessage());
        return 2;
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("serving SQuaSH API at " + server.url() + " (" + server.jobCount() + " jobs)");
    out.flush();
    server.serveUntilStopped();
    return 0;
  }
}
