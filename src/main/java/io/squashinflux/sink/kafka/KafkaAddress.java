package io.squashinflux.sink.kafka;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A topic on a Kafka cluster, as {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC} names it, with the
 * client properties the user added ({@code --kafka-property}: SASL, TLS, timeouts).
 *
 * @param bootstrap the brokers to start from, {@code host:port} separated by commas
 * @param topic the topic
 * @param properties client properties, applied over the tool's defaults
 */
public record KafkaAddress(String bootstrap, String topic, Map<String, String> properties) {
  public KafkaAddress {
    Objects.requireNonNull(bootstrap, "bootstrap == null");
    Objects.requireNonNull(topic, "topic == null");
    properties = Map.copyOf(properties);
  }

  /** Whether this text names a Kafka topic rather than a file or an HTTP URL. */
  public static boolean isKafka(String text) {
    return text != null && text.startsWith("kafka://");
  }

  /** Parses {@code kafka://HOST:PORT/TOPIC}; the message says what is wrong. */
  public static KafkaAddress parse(String text, Map<String, String> properties) {
    if (!isKafka(text)) {
      throw new IllegalArgumentException("not a kafka:// address: " + text);
    }
    String rest = text.substring("kafka://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException(
          "a Kafka address is kafka://HOST:PORT/TOPIC, was " + text);
    }
    String bootstrap = rest.substring(0, slash);
    String topic = rest.substring(slash + 1);
    for (String broker : bootstrap.split(",")) {
      checkBroker(broker, text);
    }
    if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("not a valid Kafka topic name: \"" + topic
          + "\" (letters, digits, '.', '_' and '-')");
    }
    return new KafkaAddress(bootstrap, topic, properties);
  }

  private static void checkBroker(String broker, String text) {
    try {
      URI uri = new URI("kafka://" + broker);
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException(
            "a Kafka broker is HOST:PORT, was \"" + broker + "\" in " + text);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("a Kafka broker is HOST:PORT, was \"" + broker + "\"");
    }
  }

  /** The client properties: bootstrap servers, then the user's. */
  public Properties clientProperties() {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.putAll(properties);
    return config;
  }

  @Override
  public String toString() {
    return "kafka://" + bootstrap + "/" + topic;
  }
}
