package io.squashinflux.sync;

import io.squashinflux.net.HttpUrl;
import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.InfluxWriter;
import io.squashinflux.influx.Secret;
import io.squashinflux.ledger.Urls;
import io.squashinflux.retry.Retrier;
import io.squashinflux.sink.Sink;
import io.squashinflux.sink.kafka.KafkaAddress;
import io.squashinflux.sink.kafka.KafkaSink;
import io.squashinflux.sink.sasquatch.SasquatchSink;
import io.squashinflux.sink.sasquatch.SasquatchTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where the points go: InfluxDB itself ({@code to} null), a Kafka topic ({@code kafka://}) or
 * Sasquatch's Kafka REST proxy ({@code sasquatch:URL}). The one place a sink is chosen.
 */
public record Destination(String to, Map<String, String> kafkaProperties, String namespace,
    String sasquatchToken) {

  /** The sink the run writes to. */
  public Sink open(InfluxTarget target, Retrier retrier) {
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

  /** A Kafka topic's address with the client properties; mistakes are user errors. */
  public KafkaAddress kafka(String text) {
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
    if (!HttpUrl.valid(url)) {
      throw new UserError("--to sasquatch:URL needs an http(s) URL, e.g."
          + " sasquatch:https://host/sasquatch-rest-proxy, was " + Urls.masked(to));
    }
    if (!namespace.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      throw new UserError("--namespace must be dot-separated names (an Avro namespace, e.g."
          + " lsst.verify), was \"" + namespace + "\"");
    }
    String token = sasquatchToken == null || sasquatchToken.isBlank() ? null : sasquatchToken;
    return new SasquatchTarget(url, namespace, Secret.of(token));
  }

  @Override
  public String toString() {
    return "Destination[" + (to == null ? "influx" : Urls.masked(to)) + "]";
  }
}
