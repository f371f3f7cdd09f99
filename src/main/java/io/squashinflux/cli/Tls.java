package io.squashinflux.cli;

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

/** The TLS context for {@code --ca-cert}: trusts the certificates in that PEM file. */
final class Tls {
  private Tls() {}

  /** A context trusting the file's certificates, or null (the JDK default) without a file. */
  static SSLContext context(Path caCert) {
    if (caCert == null) {
      return null;
    }
    try (InputStream in = Files.newInputStream(caCert)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
      if (n == 0) {
        throw new UserError("--ca-cert " + caCert + ": no PEM certificate in it");
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UserError("--ca-cert " + caCert + ": cannot read it (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new UserError("--ca-cert " + caCert + ": not a PEM certificate (" + e.getMessage() + ")");
    }
  }
}
