package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.net.Http;
import io.squashinflux.testing.FaultProxy;
import io.squashinflux.testing.RelayApi;
import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An influxd with auth-enabled: credentials work from options, the environment or the URL, and never print. */
class AuthSyncTest {
  private static final String PASSWORD = "s3cret-Pa55word";
  private static final String WRONG = "wr0ng-Pa55word";
  /**
   * The request counts prove there was no retry; this proves no retry delay was waited either:
   * the runs below wait {@link #RETRY_DELAY} before a retry, far longer than a loaded machine
   * takes to fail at once.
   */
  private static final Duration FAST = Duration.ofSeconds(60);
  private static final String RETRY_DELAY = "5m";
  private static InfluxServer influx;
  private static SquashApiServer api;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    influx = InfluxServer.builder().auth().start();
    influx.createAdmin("admin", PASSWORD);
    api = SquashApiServer.start(JobGenerator.withSeed(2, 20), 0);
  }

  @AfterAll
  static void stop() {
    api.close();
    influx.close();
  }

  @Test
  void userAndPasswordFromOptionsWrite() {
    Cli.Result result = Cli.run(args(influx.url(), "opts", "--influx-user", "admin",
        "--influx-password", PASSWORD));
    assertThat(result.code()).as(result.toString()).isZero();
    assertStored("opts", result);
    assertNoSecretIn(result);
  }

  @Test
  void userAndPasswordFromTheEnvironmentWrite() {
    Cli.Result result = Cli.child(Map.of("INFLUX_USERNAME", "admin", "INFLUX_PASSWORD", PASSWORD),
        dir, args(influx.url(), "env").toArray(String[]::new));
    assertThat(result.code()).as(result.toString()).isZero();
    assertStored("env", result);
    assertNoSecretIn(result);
  }

  @Test
  void helpNeverShowsThePasswordFromTheEnvironment() {
    Cli.Result result = Cli.child(Map.of("INFLUX_PASSWORD", PASSWORD), dir, "sync", "--help");
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("--influx-password");
    assertNoSecretIn(result);
  }

  @Test
  void credentialsInTheUrlWriteAndAreMasked() {
    String url = influx.url().replace("://", "://admin:" + PASSWORD + "@");
    Cli.Result result = Cli.run(args(url, "inurl", "--squash-url",
        api.url().toString().replace("://", "://reader:" + PASSWORD + "@")));
    assertThat(result.code()).as(result.toString()).isZero();
    assertStored("inurl", result);
    assertNoSecretIn(result);
  }

  @Test
  void aPlusInTheUserOrPasswordOfEitherUrlIsAPlusNotASpace() throws IOException {
    String password = "p@ss+word";
    influx.query(null, "CREATE USER \"bob+1\" WITH PASSWORD '" + password
        + "' WITH ALL PRIVILEGES", "admin", PASSWORD);
    try (RelayApi relay = RelayApi.http(api.url())
        .requireAuthorization(Http.basic("reader+1", password))) {
      String influxUrl = influx.url().replace("://", "://bob+1:p%40ss+word@");
      String squashUrl = relay.url().toString().replace("://", "://reader+1:p%40ss+word@");
      Cli.Result result = Cli.run(args(influxUrl, "plus", "--squash-url", squashUrl));
      assertThat(result.code()).as(result.toString()).isZero();
      assertStored("plus", result);
      assertThat(result.out() + result.err()).doesNotContain(password).doesNotContain("p%40ss");
    }
  }

  @Test
  void wrongPasswordStopsAtOnceWithExitCode2AndNoSecret() throws IOException {
    Cli.Result result;
    try (FaultProxy counter = new FaultProxy(influx.url(), "/")) {
      // The API given, so that no /ping for --influx-api auto comes before the refused request.
      result = Cli.run(args(counter.url(), "wrong", "--influx-user", "admin",
          "--influx-password", WRONG, "--retry-delay", RETRY_DELAY, "--influx-api", "v1"));
      assertThat(counter.requests()).as("one request, no retry: " + result).isEqualTo(1);
    }
    assertThat(result.code()).as(result.toString()).isEqualTo(2);
    assertThat(result.took()).isLessThan(FAST);
    System.err.printf("wrong password: exit 2 after %d ms%n", result.took().toMillis());
    assertThat(result.err().strip().lines()).singleElement().asString()
        .contains("authentication failed").contains("--influx-user");
    assertNoSecretIn(result);

    String url = influx.url().replace("://", "://admin:" + WRONG + "@");
    Cli.Result inUrl = Cli.run(args(url, "wrong"));
    assertThat(inUrl.code()).isEqualTo(2);
    assertThat(inUrl.err()).contains("authentication failed");
    assertNoSecretIn(inUrl);
  }

  @Test
  void missingRetentionPolicyStopsAtOnceWithExitCode2() throws IOException {
    Cli.Result result;
    try (FaultProxy counter = new FaultProxy(influx.url(), "/write")) {
      result = Cli.run(args(counter.url(), "rp", "--influx-user", "admin",
          "--influx-password", PASSWORD, "--rp", "nope", "--retry-delay", RETRY_DELAY));
      assertThat(counter.requests()).as("one write, no retry: " + result).isEqualTo(1);
    }
    assertThat(result.code()).as(result.toString()).isEqualTo(2);
    assertThat(result.took()).isLessThan(FAST);
    System.err.printf("rp not found: exit 2 after %d ms%n", result.took().toMillis());
    assertThat(result.err().strip().lines()).singleElement().asString()
        .contains("retention policy not found").contains("--rp");
    assertNoSecretIn(result);
  }

  private List<String> args(String influxUrl, String db, String... more) {
    List<String> args = Cli.sync(api.url().toString(), influxUrl, db, dir);
    if (List.of(more).contains("--retry-delay")) {
      int at = args.indexOf("--retry-delay");
      args.remove(at);
      args.remove(at);
    }
    args.addAll(List.of(more));
    if (args.stream().filter("--squash-url"::equals).count() > 1) {
      int first = args.indexOf("--squash-url");
      args.remove(first);
      args.remove(first);
    }
    return args;
  }

  private void assertStored(String db, Cli.Result result) {
    long written = result.summary().get("points_written").asLong();
    assertThat(written).isPositive();
    assertThat(influx.query(db, "SELECT count(\"validate_drp.PA1\") FROM validate_drp", "admin",
        PASSWORD).toString()).contains("count");
  }

  private void assertNoSecretIn(Cli.Result result) {
    for (String secret : List.of(PASSWORD, WRONG)) {
      assertThat(result.out()).doesNotContain(secret);
      assertThat(result.err()).doesNotContain(secret);
      assertThat(rejects()).doesNotContain(secret);
    }
  }

  private String rejects() {
    try {
      Path file = dir.resolve("rejects.jsonl");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
