package io.squashinflux.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS helpers for tests: a self-signed certificate made with openssl, and a context trusting it. */
public final class TestTls {
  private TestTls() {}

  /** Makes a self-signed certificate for 127.0.0.1 and localhost in {@code dir}: cert.pem, key.pem. */
  public static Path[] selfSigned(Path dir) throws IOException, InterruptedException {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes());
    if (openssl.waitFor() != 0) {
      throw new IOException("openssl failed: " + output);
    }
    return new Path[] {cert, key};
  }

  /** An SSL context that trusts exactly this PEM certificate. */
  public static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("test", certificate);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + pem + ": " + e.getMessage(), e);
    }
  }

  /** A server-side context with this key and certificate (PEM files, as {@link #selfSigned} makes). */
  public static SSLContext serverContext(Path certPem, Path keyPem)
      throws IOException, InterruptedException {
    Path p12 = certPem.resolveSibling(certPem.getFileName() + ".p12");
    Process openssl = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", certPem.toString(),
        "-inkey", keyPem.toString(), "-out", p12.toString(), "-passout", "pass:test")
        .redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    if (openssl.waitFor() != 0) {
      throw new IOException("openssl failed: " + output);
    }
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, "test".toCharArray());
      javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
          javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, "test".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load " + p12 + ": " + e.getMessage(), e);
    }
  }
}
