package io.squashinflux.influx;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.retry.Side;
import java.nio.charset.StandardCharsets;

/**
 * InfluxDB 1.x's {@code POST /write?db=&rp=&precision=ns}, with a user and password (Basic) or a
 * token ({@code Authorization: Token}, which 1.8+, 2.x's and 3.x's v1 endpoints take). The
 * database is created with {@code CREATE DATABASE}, which is idempotent.
 */
final class V1Api extends WriteApi {
  V1Api(InfluxTarget target) {
    super(target);
  }

  @Override
  ApiVersion version() {
    return ApiVersion.V1;
  }

  @Override
  String writePath() {
    String rp = target.retentionPolicy() == null ? "" : "&rp=" + encode(target.retentionPolicy());
    return "/write?db=" + encode(target.database()) + rp + "&precision=ns";
  }

  @Override
  String authorization() {
    return tokenOrBasic();
  }

  @Override
  void prepare(Exchanges exchanges) throws DeliveryException, InterruptedException {
    if (target.createDatabase()) {
      create(exchanges);
    } else {
      exchanges.get(Side.INFLUX_QUERY, "/ping");
    }
  }

  @Override
  void create(Exchanges exchanges) throws DeliveryException, InterruptedException {
    String name = target.database().replace("\\", "\\\\").replace("\"", "\\\"");
    String form = "q=" + encode("CREATE DATABASE \"" + name + "\"");
    exchanges.post(Side.INFLUX_QUERY, "/query", "application/x-www-form-urlencoded",
        form.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  String where() {
    return "database " + target.database()
        + (target.retentionPolicy() == null ? "" : " policy " + target.retentionPolicy());
  }

  @Override
  String destination() {
    // The default policy keeps the bare name, so states written before policies counted still fit.
    return target.retentionPolicy() == null ? target.database()
        : target.database() + " rp " + target.retentionPolicy();
  }
}
