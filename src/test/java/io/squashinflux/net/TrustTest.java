package io.squashinflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.squashinflux.testing.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An added CA is trusted beside the JDK's; the host name is still verified against it. */
class TrustTest {
  @TempDir Path dir;

  @Test
  void anAddedCaIsTrustedForItsHost() throws Exception {
    Path[] pem = TestTls.selfSigned(dir); // for 127.0.0.1 and localhost
    HttpsServer server = serve(pem[0], pem[1]);
    try {
      URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
      assertThat(client(List.of(pem[0])).get(uri, Map.of()).text()).isEqualTo("ok");
      assertThatThrownBy(() -> client(List.of()).get(uri, Map.of()))
          .isInstanceOf(SSLHandshakeException.class);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aTrustedCertificateForAnotherHostNameIsRefused() throws Exception {
    Path[] other = otherHost(dir);
    HttpsServer server = serve(other[0], other[1]);
    try {
      URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
      assertThatThrownBy(() -> client(List.of(other[0])).get(uri, Map.of()))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("localhost");
    } finally {
      server.stop(0);
    }
  }

  private static HttpsServer serve(Path cert, Path key) throws Exception {
    HttpsServer server = HttpsServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(cert, key)));
    server.createContext("/", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  @Test
  void aFileWithoutACertificateIsRefusedWhenTheClientIsMade() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    assertThatThrownBy(() -> client(List.of(empty)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.pem");
  }

  private static Http client(List<Path> cas) {
    return Http.create(new HttpSettings(Proxies.NONE, cas, 1 << 20, Duration.ofSeconds(60),
        Duration.ofSeconds(60)));
  }

  /** A self-signed certificate and its key for example.invalid only. */
  private static Path[] otherHost(Path dir) throws IOException, InterruptedException {
    Path cert = dir.resolve("other.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-days", "2", "-subj", "/CN=example.invalid", "-addext", "subjectAltName=DNS:example.invalid",
        "-keyout", dir.resolve("other-key.pem").toString(), "-out", cert.toString())
        .redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor()).as(output).isZero();
    return new Path[] {cert, dir.resolve("other-key.pem")};
  }
}
