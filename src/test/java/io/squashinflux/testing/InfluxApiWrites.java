package io.squashinflux.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The write endpoints of {@link InfluxApiServer}: 2.x's {@code /api/v2/write}, 3.x's {@code /api/v3/write_lp}. */
final class InfluxApiWrites {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InfluxApiWrites() {}

  /**
   * 2.x: a bad precision or an unparsable line is 400 {@code invalid} and nothing is written; a
   * missing bucket 404; lines beyond retention or of a conflicting type are dropped, the others
   * written, and the answer is 422 {@code unprocessable entity}.
   */
  static void v2(InfluxApiServer server, HttpExchange exchange, InfluxApiServer.Request request)
      throws IOException {
    if (Integer.parseInt(request.header("x-body-bytes")) > server.maxBodyBytes()) {
      ObjectNode body = JSON.createObjectNode().put("code", "request too large")
          .put("message", "unable to read data: points batch is too large")
          .put("maxLength", server.maxBodyBytes());
      InfluxApiServer.send(exchange, 413, body.toString());
      return;
    }
    String precision = request.query().getOrDefault("precision", "ns");
    if (!InfluxApiServer.v2Precisions().contains(precision)) {
      InfluxApiServer.send(exchange, 400, InfluxApiServer.error("invalid",
          "invalid precision; valid precision units are ns, us, ms, and s"));
      return;
    }
    String bucket = request.query().get("bucket");
    if (bucket == null || !server.hasBucket(bucket)) {
      InfluxApiServer.send(exchange, 404, InfluxApiServer.error("not found",
          "bucket \"" + bucket + "\" not found"));
      return;
    }
    List<String> lines = InfluxApiServer.lines(request.body());
    for (String line : lines) {
      if (server.isUnparsable(line)) {
        InfluxApiServer.send(exchange, 400, InfluxApiServer.error("invalid",
            "unable to parse '" + line + "': invalid field format"));
        return;
      }
    }
    int dropped = 0;
    String reason = "";
    for (String line : lines) {
      if (server.beyondRetention(line)) {
        dropped++;
        reason = "points beyond retention policy";
      } else if (server.isConflicting(line)) {
        dropped++;
        reason = "field type conflict: input field \"value\" on measurement is type string,"
            + " already exists as type float";
      } else {
        server.store(line);
      }
    }
    if (dropped > 0) {
      InfluxApiServer.send(exchange, 422, InfluxApiServer.error("unprocessable entity",
          "failure writing points to database: partial write: " + reason + " dropped=" + dropped));
      return;
    }
    InfluxApiServer.send(exchange, 204, null);
  }

  /**
   * 3.x: the database made by the first write; a bad line (unparsable or of a conflicting type) is
   * named with its 1-based number; with {@code accept_partial=true} (the default) the others are
   * written and the answer lists every bad line, without it nothing is written.
   */
  static void v3(InfluxApiServer server, HttpExchange exchange, InfluxApiServer.Request request)
      throws IOException {
    String precision = request.query().getOrDefault("precision", "auto");
    if (!InfluxApiServer.v3Precisions().contains(precision) || request.query().get("db") == null) {
      InfluxApiServer.send(exchange, 400,
          JSON.createObjectNode().put("error", "invalid request parameters").toString());
      return;
    }
    boolean partial = !"false".equals(request.query().get("accept_partial"));
    List<String> lines = InfluxApiServer.lines(request.body());
    List<ObjectNode> errors = new ArrayList<>();
    List<String> good = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (server.isUnparsable(line) || server.isConflicting(line)) {
        errors.add(JSON.createObjectNode().put("original_line", line).put("line_number", i + 1)
            .put("error_message", server.isUnparsable(line) ? "invalid field value in line protocol"
                : "invalid column type for column 'value', expected iox::column_type::field::float,"
                    + " got iox::column_type::field::string"));
      } else {
        good.add(line);
      }
    }
    if (errors.isEmpty() || partial) {
      good.forEach(server::store);
    }
    if (errors.isEmpty()) {
      InfluxApiServer.send(exchange, 204, null);
    } else if (partial) {
      ObjectNode body = JSON.createObjectNode().put("error", "partial write of line protocol occurred");
      ArrayNode data = body.putArray("data");
      errors.forEach(data::add);
      InfluxApiServer.send(exchange, 400, body.toString());
    } else {
      ObjectNode body = JSON.createObjectNode().put("error", "parsing failed for write_lp endpoint");
      body.set("data", errors.get(0));
      InfluxApiServer.send(exchange, 400, body.toString());
    }
  }
}
