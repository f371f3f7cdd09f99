package io.squashinflux.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The private influxd starts even when the port it was handed is taken before it binds it. */
class PrivateInfluxTest {

  @Test
  void startsOnOtherPortsWhenItsPortWasTakenMeanwhile() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger handedOut = new AtomicInteger();
      PrivateInflux.Builder builder = PrivateInflux.builder().directoryPrefix("private-influx-test")
          .ports(() -> handedOut.getAndIncrement() == 0 ? taken.getLocalPort() : freePort());
      try (PrivateInflux influx = builder.start()) {
        assertThat(influx.port()).isNotEqualTo(taken.getLocalPort());
        assertThat(handedOut.get()).isGreaterThan(2);
        HttpResponse<Void> ping = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(influx.url() + "/ping")).build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(ping.statusCode()).isEqualTo(204);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
