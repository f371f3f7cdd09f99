package io.squashinflux.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.specs.Checkout;
import io.squashinflux.specs.SpecsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code serve-api}: a read-only SQuaSH API on loopback, over a folder of job files or
 * {@code count} generated jobs (one of the two is null), until interrupted.
 */
public record ServeApi(Path folder, Integer count, long seed, int port, Duration latency,
    Path specs) {

  /** Serves until interrupted and returns 0; a mistake is one line on {@code err}, exit 2. */
  public int run(PrintWriter out, PrintWriter err) {
    if (folder != null && !Files.isDirectory(folder)) {
      err.println("serve-api: not a folder: " + folder);
      return 2;
    }
    if (count != null && count < 1) {
      err.println("serve-api: --generate must be at least 1: " + count);
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
      server = folder != null
          ? SquashApiServer.start(folder, port)
          : SquashApiServer.start(JobGenerator.withSeed(seed, count), port);
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
    out.println("serving SQuaSH API at " + server.url() + " (" + server.jobCount() + " jobs)");
    out.flush();
    server.serveUntilStopped();
    return 0;
  }
}
