package io.squashinflux.cli;

import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.InfluxWriter;
import io.squashinflux.sink.Sink;
import io.squashinflux.ledger.Urls;
import io.squashinflux.retry.Retrier;
import io.squashinflux.sink.kafka.KafkaAddress;
import io.squashinflux.sink.kafka.KafkaSink;
import io.squashinflux.sink.sasquatch.SasquatchSink;
import io.squashinflux.sink.sasquatch.SasquatchTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the points go when not straight into InfluxDB: a Kafka topic ({@code --to kafka://}) or
 * Sasquatch's Kafka REST proxy ({@code --to sasquatch:URL}). The one place a sink is chosen.
 */
final class OutputOptions {

  @Option(names = "--to", paramLabel = "URL",
      description = "Send the points elsewhere than --influx-url: kafka://HOST:PORT/TOPIC (line"
          + " protocol records, keyed by series) or sasquatch:URL (Avro records through Sasquatch's"
          + " Kafka REST proxy, token from env SASQUATCH_TOKEN).")
  String to;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "A Kafka client property (SASL, TLS, timeouts), for --to kafka:// and"
          + " --from kafka://; may be repeated.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "lsst.verify",
      description = "Sasquatch namespace: topics are NAMESPACE.MEASUREMENT (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--sasquatch-token", paramLabel = "TOKEN", hidden = true,
      defaultValue = "${env:SASQUATCH_TOKEN}",
      description = "Sasquatch REST proxy token; give it as env SASQUATCH_TOKEN. Never printed.")
  String sasquatchToken;

  /** Whether the points go to InfluxDB itself. */
  boolean influx() {
    return to == null;
  }

  /** The sink the run writes to. */
  Sink open(InfluxTarget target, Retrier retrier) {
    if (to == null) {
      return new InfluxWriter(target, retrier);
    }
    if (KafkaAddress.isKafka(to)) {
      return new KafkaSink(kafka(to), describe(target), retrier);
    }
    if (to.startsWith("sasquatch:")) {
      return new SasquatchSink(sasquatch(), describe(target), retrier, target.http());
    }
    throw new UserError("--to must be kafka://HOST:PORT/TOPIC or sasquatch:URL, was "
        + Urls.masked(to));
  }

  /** The destination as the state's identity and the summary name it. */
  String describe(InfluxTarget target) {
    return to == null ? Urls.masked(target.url().toString()) + " " + target.database()
        : Urls.masked(to) + (to.startsWith("sasquatch:") ? " " + namespace : "");
  }

  KafkaAddress kafka(String text) {
    try {
      return KafkaAddress.parse(text, kafkaProperties);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private SasquatchTarget sasquatch() {
    URI url;
    try {
      url = new URI(to.substring("sasquatch:".length()).trim());
    } catch (URISyntaxException e) {
      throw new UserError("--to sasquatch:URL: not a URL: " + Urls.masked(e.getMessage()));
    }
    if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
      throw new UserError("--to sasquatch:URL needs an http(s) URL, e.g."
          + " sasquatch:https://host/sasquatch-rest-proxy, was " + Urls.masked(to));
    }
    if (!namespace.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      throw new UserError("--namespace must be dot-separated names (an Avro namespace, e.g."
          + " lsst.verify), was \"" + namespace + "\"");
    }
    String token = sasquatchToken == null || sasquatchToken.isBlank() ? null : sasquatchToken;
    return new SasquatchTarget(url, namespace, io.squashinflux.influx.Secret.of(token));
  }
}
