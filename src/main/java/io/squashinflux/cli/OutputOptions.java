package io.squashinflux.cli;

import io.squashinflux.sync.Destination;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the points go when not straight into InfluxDB: a Kafka topic ({@code --to kafka://}) or
 * Sasquatch's Kafka REST proxy ({@code --to sasquatch:URL}).
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

  Destination destination() {
    return new Destination(to, kafkaProperties, namespace, sasquatchToken);
  }
}
