package io.squashinflux.cli;

import io.squashinflux.net.CaCerts;
import io.squashinflux.failure.UserError;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Proxies;
import io.squashinflux.retry.Retrier;
import io.squashinflux.source.ApiOptions;
import io.squashinflux.source.JobSource;
import io.squashinflux.source.JobSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where jobs come from: the SQuaSH API or job files, exactly one of them. Plain options checked
 * here rather than a picocli group, because a required group ignores values from a config file.
 */
final class SourceOptions {

  @Option(names = "--squash-url", paramLabel = "URL",
      description = "SQuaSH REST API base URL: jobs are read with GET /jobs and GET /job/<id>"
          + " (this or --from is needed). With --from, only the base of each GET /job answer's"
          + " squash_url.")
  String squashUrl;

  @Option(names = "--from", paramLabel = "PATH", arity = "1..*",
      description = "Job files (API responses or lsst.verify *.json); folders are walked for *.json."
          + " Or kafka://HOST:PORT/TOPIC: line protocol records, written on and committed once"
          + " InfluxDB acknowledged them (with --group).")
  List<String> from;

  @Option(names = "--group", paramLabel = "NAME",
      description = "Kafka consumer group for --from kafka://: processes in one group share the"
          + " topic's partitions.")
  String group;

  /** Whether the points come from a Kafka topic rather than jobs. */
  boolean fromKafka() {
    return from != null && from.size() == 1 && from.get(0).startsWith("kafka://");
  }

  /** The {@code --from kafka://} address, checked with its group. */
  String kafkaFrom() {
    if (squashUrl != null) {
      throw new UserError("give --squash-url or --from kafka://, not both");
    }
    if (group == null || group.isBlank()) {
      throw new UserError("--from kafka:// needs --group NAME: the consumer group whose offsets"
          + " say what was written");
    }
    return from.get(0);
  }

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
      description = "Jobs read at once (requests in flight, or files parsed) (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Longest wait for a connection to SQuaSH (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "Longest wait for one SQuaSH answer, body included (default: ${DEFAULT-VALUE}).")
  Duration readTimeout;

  @Option(names = "--squash-ca-cert", paramLabel = "FILE",
      description = "PEM certificate of a CA to trust for an https SQuaSH URL, in addition to the"
          + " JDK's CAs.")
  Path squashCaCert;

  @Option(names = "--proxy", paramLabel = "URL",
      description = "HTTP proxy for SQuaSH and InfluxDB, http://[user:password@]host:port, instead"
          + " of HTTPS_PROXY / HTTP_PROXY; NO_PROXY still applies; \"\" for none.")
  String proxy;

  @Option(names = "--max-response-size", paramLabel = "SIZE", defaultValue = "256MB",
      converter = SizeConverter.class,
      description = "Largest answer read from a server, e.g. 64MB; a job larger fails alone"
          + " (default: ${DEFAULT-VALUE}).")
  long maxResponseSize;

  /** Proxies (from the environment or --proxy) and the answer size cap, for both servers. */
  HttpSettings http() {
    try {
      return HttpSettings.defaults().withProxies(Proxies.of(System.getenv(), proxy))
          .withMaxResponseBytes(maxResponseSize);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The jobs to read; {@code caCert} ({@code --ca-cert}, or null) is trusted for SQuaSH too. */
  JobSource open(Retrier retrier, Path caCert, boolean packages) {
    return JobSources.open(from, squashUrl, group, parallel, packages,
        base -> new ApiOptions(base, parallel, connectTimeout, readTimeout, retrier, http()
            .withCaCerts(CaCerts.of("--ca-cert", caCert, "--squash-ca-cert", squashCaCert))));
  }
}
