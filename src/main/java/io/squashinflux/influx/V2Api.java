package io.squashinflux.influx;

import io.squashinflux.sink.DeliveryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.retry.Action;
import io.squashinflux.retry.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * InfluxDB 2.x's and Cloud's {@code POST /api/v2/write?org=&bucket=&precision=ns} with {@code
 * Authorization: Token}. The bucket is looked up ({@code GET /api/v2/buckets?name=}) before the
 * first write and, with {@code --create-bucket}, created in the organisation found by {@code GET
 * /api/v2/orgs?org=}. Servers that take {@code /api/v2/write} but have no bucket API
 * (VictoriaMetrics, QuestDB) are written to without the check, and the summary says so.
 */
final class V2Api extends WriteApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private volatile String prepared = "";

  V2Api(InfluxTarget target) {
    super(target);
  }

  @Override
  ApiVersion version() {
    return ApiVersion.V2;
  }

  private String bucket() {
    return target.api().bucketOr(target.database());
  }

  private String org() {
    return target.api().org();
  }

  @Override
  String writePath() {
    String org = org() == null ? "" : "org=" + encode(org()) + "&";
    return "/api/v2/write?" + org + "bucket=" + encode(bucket()) + "&precision=ns";
  }

  @Override
  String authorization() {
    return tokenOrBasic();
  }

  @Override
  void prepare(Exchanges exchanges) throws DeliveryException, InterruptedException {
    String org = org() == null ? "" : "&org=" + encode(org());
    Reply reply = exchanges.get(Side.INFLUX_BUCKET_READ,
        "/api/v2/buckets?name=" + encode(bucket()) + org);
    if (reply.decision().action() == Action.SKIP) {
      prepared = "bucket not checked: " + reply.decision().reason();
      return;
    }
    if (org() == null) {
      // InfluxDB 2.x and Cloud refuse every write without one, which would read as refused lines.
      throw exchanges.refused("InfluxDB 2.x needs the organisation: give --org (or INFLUX_ORG)");
    }
    if (named(json(reply, "buckets"), bucket())) {
      prepared = "bucket checked";
      return;
    }
    if (!target.api().createBucket()) {
      throw exchanges.refused("bucket \"" + bucket() + "\" not found" + inOrg() + ": create it"
          + " (influx bucket create --name " + bucket() + (org() == null ? "" : " --org " + org())
          + "), or add --create-bucket");
    }
    create(exchanges);
  }

  @Override
  void create(Exchanges exchanges) throws DeliveryException, InterruptedException {
    if (org() == null) {
      throw exchanges.refused("--create-bucket needs --org (or INFLUX_ORG): a bucket belongs to"
          + " an organisation");
    }
    Reply orgs = exchanges.get(Side.INFLUX_BUCKET_READ, "/api/v2/orgs?org=" + encode(org()));
    JsonNode found = json(orgs, "orgs").path(0);
    if (!found.hasNonNull("id")) {
      throw exchanges.refused("organisation \"" + org() + "\" not found, or the token may not"
          + " read it (it needs the read:orgs permission): check --org");
    }
    ObjectNode bucket = JSON.createObjectNode()
        .put("orgID", found.get("id").asText()).put("name", bucket());
    bucket.putArray("retentionRules");
    exchanges.post(Side.INFLUX_BUCKET_CREATE, "/api/v2/buckets", "application/json",
        bucket.toString().getBytes(StandardCharsets.UTF_8));
    prepared = "bucket created";
  }

  @Override
  String where() {
    return "bucket " + bucket() + (org() == null ? "" : " in org " + org());
  }

  @Override
  String destination() {
    return "v2 org " + (org() == null ? "-" : org()) + " bucket " + bucket();
  }

  @Override
  String prepared() {
    return prepared;
  }

  private String inOrg() {
    return org() == null ? "" : " in organisation \"" + org() + "\"";
  }

  private static boolean named(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode json(Reply reply, String field) throws DeliveryException {
    try {
      return JSON.readTree(reply.body()).path(field);
    } catch (IOException e) {
      throw new DeliveryException("InfluxDB answered " + field + " with a body that is not JSON: "
          + e.getMessage(), true);
    }
  }
}
