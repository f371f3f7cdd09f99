package io.squashinflux.source;

import io.squashinflux.testing.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.squashinflux.testing.TestTls;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Proxies;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTlsTest {
  @TempDir Path dir;
  private HttpsServer server;
  private Path cert;

  @BeforeEach
  void start() throws Exception {
    Path[] pem = TestTls.selfSigned(dir);
    cert = pem[0];
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(pem[0], pem[1])));
    server.createContext("/jobs", exchange -> FakeSquash.send(exchange, 200, "{\"ids\": [1]}"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void serverTrustedThroughTheGivenCaIsRead() throws Exception {
    assertThat(source(cert).list()).containsExactly("1");
  }

  @Test
  void untrustedCertificateIsAConfigurationErrorNamingCaCert() {
    assertThatThrownBy(() -> source(null).list())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("--ca-cert")
        .satisfies(e -> assertThat(((SourceException) e).configuration()).isTrue());
  }

  private ApiJobSource source(Path caCert) {
    URI uri = URI.create("https://localhost:" + server.getAddress().getPort());
    HttpSettings http = HttpSettings.defaults().withProxies(Proxies.NONE)
        .withCaCerts(caCert == null ? List.of() : List.of(caCert));
    return new ApiJobSource(new ApiOptions(uri, 2, Duration.ofSeconds(60), Duration.ofSeconds(60),
        new FakeTime().retrier(2), http));
  }

}
