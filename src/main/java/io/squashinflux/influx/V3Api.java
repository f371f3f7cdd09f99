package io.squashinflux.influx;

import io.squashinflux.sink.DeliveryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.retry.Side;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * InfluxDB 3 Core's and Enterprise's {@code POST /api/v3/write_lp?db=&precision=nanosecond} with
 * {@code accept_partial=true} and {@code Authorization: Bearer}. The database is created by the
 * first write. A partial write is answered 400 with each refused line named (InfluxDB 3 Core's
 * documented shape): {@code {"error": "partial write of line protocol occurred", "data":
 * [{"original_line": ..., "line_number": 2, "error_message": ...}]}}; every other line was written.
 */
final class V3Api extends WriteApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** InfluxDB 3 names at most this many refused lines; a full list may have been cut short. */
  static final int MOST_NAMED = 100;

  V3Api(InfluxTarget target) {
    super(target);
  }

  @Override
  ApiVersion version() {
    return ApiVersion.V3;
  }

  @Override
  String writePath() {
    return "/api/v3/write_lp?db=" + encode(target.database())
        + "&precision=nanosecond&accept_partial=true";
  }

  @Override
  String authorization() {
    if (target.api().token() != null) {
      return "Bearer " + target.api().token().reveal();
    }
    return tokenOrBasic();
  }

  @Override
  void prepare(Exchanges exchanges) throws DeliveryException, InterruptedException {
    exchanges.get(Side.INFLUX_QUERY, "/ping");
  }

  @Override
  void create(Exchanges exchanges) {
    // The first write creates the database.
  }

  @Override
  String where() {
    return "database " + target.database();
  }

  @Override
  String destination() {
    return "v3 database " + target.database();
  }

  @Override
  List<Refusal> refusals(String body) {
    JsonNode data;
    try {
      data = JSON.readTree(body).path("data");
    } catch (IOException notJson) {
      return List.of();
    }
    // An object instead of a list: accept_partial was off and nothing was written.
    if (!data.isArray() || data.isEmpty() || data.size() >= MOST_NAMED) {
      return List.of();
    }
    List<Refusal> refusals = new ArrayList<>();
    for (JsonNode line : data) {
      if (!line.path("line_number").canConvertToInt()) {
        return List.of();
      }
      refusals.add(new Refusal(line.path("line_number").asInt(),
          line.path("error_message").asText("refused")));
    }
    return refusals;
  }
}
