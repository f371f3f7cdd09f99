package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.RelayApi;
import io.squashinflux.testing.SquashApi;
import io.squashinflux.testing.TestTls;
import io.squashinflux.testing.Tinyproxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole sync through a real tinyproxy, as on a batch node that reaches the internet only through
 * one: HTTP_PROXY from the environment (a child process, as a user runs it), NO_PROXY, --proxy,
 * and credentials in the proxy URL.
 */
class ProxySyncTest {
  private static final String PROXY_PASSWORD = "pr0xy-pw_2";
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @RegisterExtension static final SquashApi api = SquashApi.perClass(11, 12);

  @TempDir Path dir;

  private String[] args(String db, String... more) {
    List<String> args = Cli.sync(api.url().toString(), influx.url(), db, dir);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void httpProxyFromTheEnvironmentCarriesBothServersTrafficAndNoProxySendsItDirect()
      throws Exception {
    try (Tinyproxy proxy = Tinyproxy.start(dir, null, null)) {
      Cli.Result viaProxy = Cli.child(Map.of("HTTP_PROXY", proxy.url()), dir, args("proxied"));
      assertThat(viaProxy.code()).as(viaProxy.toString()).isZero();
      assertThat(viaProxy.summary().get("points_written").asLong())
          .isPositive().isEqualTo(Expected.points(influx, "proxied"));
      List<String> logged = proxy.requests();
      assertThat(logged).contains("GET " + api.url() + "/jobs HTTP/1.1");
      assertThat(logged).filteredOn(l -> l.startsWith("GET " + api.url() + "/job/")).hasSize(12);
      assertThat(logged).anyMatch(l -> l.startsWith("POST " + influx.url() + "/write?db=proxied"));

      Cli.Result direct = Cli.child(Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "127.0.0.1"),
          dir, args("direct"));
      assertThat(direct.code()).as(direct.toString()).isZero();
      assertThat(Expected.points(influx, "direct")).isEqualTo(Expected.points(influx, "proxied"));
      assertThat(proxy.requests()).as("nothing more through the proxy").isEqualTo(logged);
    }
  }

  @Test
  void aProxyThatNeedsCredentialsGetsThemFromTheProxyUrlAndTheyAreNeverPrinted() throws Exception {
    try (Tinyproxy proxy = Tinyproxy.start(dir, "batch", PROXY_PASSWORD)) {
      String withCredentials = proxy.url().replace("://", "://batch:" + PROXY_PASSWORD + "@");
      Cli.Result result = Cli.child(Map.of("http_proxy", withCredentials), dir, args("authed"));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.summary().get("points_written").asLong())
          .isEqualTo(Expected.points(influx, "authed"));
      assertThat(proxy.requests()).anyMatch(l -> l.startsWith("POST " + influx.url() + "/write"));
      assertThat(result.out() + result.err()).doesNotContain(PROXY_PASSWORD);

      // A GET first (--no-create-db pings): tinyproxy answers 407 and closes at once, which a
      // POST still sending its body sees as a closed connection rather than the 407.
      Cli.Result refused = Cli.run(args("authed", "--proxy", proxy.url(), "--no-create-db"));
      assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err()).contains("407");

      Cli.Result given = Cli.run(args("given", "--proxy", withCredentials));
      assertThat(given.code()).as(given.toString()).isZero();
      assertThat(given.out() + given.err()).doesNotContain(PROXY_PASSWORD);
    }
  }

  @Test
  void httpsThroughAProxyTunnelSendsTheProxyCredentialsOnConnect() throws Exception {
    Path[] pem = TestTls.selfSigned(java.nio.file.Files.createDirectories(dir.resolve("ca")));
    try (Tinyproxy proxy = Tinyproxy.start(dir, "batch", PROXY_PASSWORD);
        RelayApi https = RelayApi.https(api.url(), TestTls.serverContext(pem[0], pem[1]))) {
      String withCredentials = proxy.url().replace("://", "://batch:" + PROXY_PASSWORD + "@");
      List<String> args = Cli.sync(https.url().toString(), influx.url(), "tunnel", dir);
      args.addAll(List.of("--squash-ca-cert", pem[0].toString()));
      Cli.Result result = Cli.child(Map.of("HTTPS_PROXY", withCredentials), dir,
          args.toArray(String[]::new));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.summary().get("points_written").asLong())
          .isPositive().isEqualTo(Expected.points(influx, "tunnel"));
      assertThat(proxy.requests()).as("https through CONNECT, the http InfluxDB direct")
          .isNotEmpty().allMatch(l -> l.startsWith("CONNECT localhost:" + https.url().getPort()));
    }
  }
}
