package io.squashinflux.net;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The client's TLS, set up at its first https connection: even a lazy context needs the JDK's
 * security providers loaded, a part of the start-up of every sync, most of which speak plain http
 * to a local InfluxDB (BENCHMARKS.md). The CA files are read at once, and only then, so a bad one
 * is an error before anything is sent.
 */
final class FirstUseTls implements TlsSocketStrategy {
  private final List<Certificate> cas;
  private TlsSocketStrategy tls;

  FirstUseTls(List<Path> pems) {
    this.cas = pems.stream().<Certificate>flatMap(pem -> Trust.read(pem).stream()).toList();
  }

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment,
      HttpContext context) throws IOException {
    return tls().upgrade(socket, target, port, attachment, context);
  }

  private synchronized TlsSocketStrategy tls() {
    if (tls == null) {
      // The JDK's own check of the certificate's names, in the handshake: a wrong host is an
      // SSLHandshakeException that names it.
      tls = new DefaultClientTlsStrategy(Trust.adding(cas), HostnameVerificationPolicy.BUILTIN,
          null);
    }
    return tls;
  }
}
