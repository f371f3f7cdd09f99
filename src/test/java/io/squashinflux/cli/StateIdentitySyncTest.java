package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state belongs to where the points land (a retention policy is such a place), and holds any
 * job ids, however large, in a heap as small as the launcher's.
 */
class StateIdentitySyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @TempDir Path dir;

  private List<String> sync(SquashApiServer api, String db, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--squash-url", api.url().toString(),
        "--influx-url", influx.url(), "--db", db, "--no-default-excludes", "--json", "--quiet",
        "--retry-delay", "10ms"));
    args.addAll(List.of(more));
    return args;
  }

  private long count(String db, String from) {
    return influx.rows(db, "SELECT COUNT(\"validate_drp.PA1\") FROM " + from).stream()
        .mapToLong(row -> row.get(1).asLong()).sum();
  }

  @Test
  void anotherRetentionPolicyGetsEveryJobAgain() throws Exception {
    String db = "policies";
    Map<String, String> env = Map.of("XDG_STATE_HOME", dir.resolve("states").toString());
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(5, 12), 0)) {
      Cli.Result first = Cli.child(env, dir, sync(api, db).toArray(String[]::new));
      assertThat(first.code()).as(first.toString()).isZero();
      influx.query(db, "CREATE RETENTION POLICY \"keep\" ON \"" + db + "\" DURATION 0s REPLICATION 1");
      long inDefault = count(db, "\"autogen\".\"validate_drp\"");
      assertThat(inDefault).isPositive();

      Cli.Result second = Cli.child(env, dir, sync(api, db, "--rp", "keep").toArray(String[]::new));

      assertThat(second.code()).as(second.toString()).isZero();
      assertThat(Cli.parse(second.out()).path("jobs").path("already_synced").asLong()).isZero();
      assertThat(count(db, "\"keep\".\"validate_drp\"")).isEqualTo(inDefault);
      try (var states = Files.list(dir.resolve("states").resolve("squash-influx"))) {
        assertThat(states.filter(p -> p.toString().endsWith(".json"))).hasSize(2);
      }
    }
  }

  @Test
  void aStateGivenForAnotherRetentionPolicyIsRefused() throws Exception {
    String db = "policy_state";
    String state = dir.resolve("state.json").toString();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(6, 4), 0)) {
      assertThat(Cli.run(sync(api, db, "--state", state)).code()).isZero();
      influx.query(db, "CREATE RETENTION POLICY \"keep\" ON \"" + db + "\" DURATION 0s REPLICATION 1");

      Cli.Result other = Cli.run(sync(api, db, "--state", state, "--rp", "keep"));

      assertThat(other.code()).as(other.toString()).isEqualTo(2);
      assertThat(other.err()).contains("belongs to another sync").contains("rp keep");
    }
  }

  @Test
  void hugeJobIdsInTheStateFitASmallHeap() throws Exception {
    String db = "big_ids";
    Path state = dir.resolve("state.json");
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(8, 3), 0)) {
      assertThat(Cli.run(sync(api, db, "--state", state.toString())).code()).isZero();
      ObjectNode root = (ObjectNode) JSON.readTree(state.toFile());
      String ids = root.path("synced").path("ids").asText();
      ((ObjectNode) root.get("synced")).put("ids", ids + ",999999999," + (1L << 40));
      ((ObjectNode) root.get("failed")).put("ids", "999999990-999999997");
      Files.writeString(state, JSON.writeValueAsString(root));

      try (Child child = Child.start(dir, "small-heap", List.of("-Xmx48m"),
          sync(api, db, "--state", state.toString()))) {
        assertThat(child.exitCode(Duration.ofSeconds(60))).as(child.err()).isZero();
        assertThat(Cli.parse(child.out()).path("jobs").path("already_synced").asLong())
            .isEqualTo(3);
      }
      String saved = JSON.readTree(state.toFile()).path("synced").path("ids").asText();
      assertThat(saved).endsWith(",999999999," + (1L << 40));
    }
  }
}
