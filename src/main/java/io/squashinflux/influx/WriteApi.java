package io.squashinflux.influx;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.net.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What differs between InfluxDB's write APIs: where lines go, how the request is authorized, what
 * must exist before the first write and how to make it, and how a refusal names its lines. The
 * rest (batching, retries, splitting, isolating refused lines) is the writer's, for all of them.
 */
abstract sealed class WriteApi permits V1Api, V2Api, V3Api {
  final InfluxTarget target;

  WriteApi(InfluxTarget target) {
    this.target = target;
  }

  static WriteApi of(ApiVersion version, InfluxTarget target) {
    return switch (version) {
      case V1 -> new V1Api(target);
      case V2 -> new V2Api(target);
      case V3 -> new V3Api(target);
    };
  }

  abstract ApiVersion version();

  /** Path and query of the write request; never holds a credential. */
  abstract String writePath();

  /** The Authorization header's value, or null to send none. */
  abstract String authorization();

  /** Makes the destination ready for the first write (or checks that InfluxDB answers). */
  abstract void prepare(Exchanges exchanges) throws DeliveryException, InterruptedException;

  /** Creates the missing database or bucket, when the policy asks for it. */
  abstract void create(Exchanges exchanges) throws DeliveryException, InterruptedException;

  /** Where the lines go, for the state's identity: {@code squash}, {@code v2 org o bucket b}. */
  abstract String destination();

  /** Where the lines go, for the summary: {@code database squash}, {@code bucket b in org o}. */
  abstract String where();

  /** What preparing found, for the summary (e.g. {@code bucket checked}), or empty. */
  String prepared() {
    return "";
  }

  /**
   * The refused lines a 400 answer names one by one, 1-based, when the API does so and the rest
   * of the batch was written; empty when the refused lines must be found by splitting the batch.
   */
  List<Refusal> refusals(String body) {
    return List.of();
  }

  /** One refused line of a partial write: its number in the request body and the reason. */
  record Refusal(int line, String reason) {}

  /** {@code Token <token>}: InfluxDB 2.x, Cloud, and the v1 endpoints of 1.8+ and 3.x. */
  String tokenOrBasic() {
    if (target.api().token() != null) {
      return "Token " + target.api().token().reveal();
    }
    if (target.user() == null) {
      return null;
    }
    return Http.basic(target.user(), target.password() == null ? "" : target.password().reveal());
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
