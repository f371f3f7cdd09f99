package io.squashinflux.sink.sasquatch;

import io.squashinflux.influx.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * A Sasquatch Kafka REST proxy and the namespace the topics go in.
 *
 * @param url the proxy's base URL, e.g. {@code https://host/sasquatch-rest-proxy}
 * @param namespace the Avro namespace and topic prefix, {@code lsst.verify} by default
 * @param token the bearer token (SASQUATCH_TOKEN), or null
 */
public record SasquatchTarget(URI url, String namespace, Secret token) {
  public SasquatchTarget {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(namespace, "namespace == null");
    String text = url.toString();
    if (text.endsWith("/")) {
      url = URI.create(text.substring(0, text.length() - 1));
    }
  }
}
