package io.squashinflux.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS trust of one client: the JDK's CAs plus those of the given PEM files. */
final class Trust {
  private Trust() {}

  /**
   * A context trusting the JDK's CAs and every certificate in {@code pems}; null (the JDK's own
   * default context) when there are none.
   *
   * @throws IllegalArgumentException a file that cannot be read or holds no certificate
   */
  static SSLContext adding(List<Path> pems) {
    if (pems.isEmpty()) {
      return null;
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : jdkDefaults().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, ca);
      }
      for (Path pem : pems) {
        for (Certificate certificate : read(pem)) {
          store.setCertificateEntry("added-" + n++, certificate);
        }
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS trust: " + e.getMessage(), e);
    }
  }

  private static List<? extends Certificate> read(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<? extends Certificate> certificates =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(pem + ": no PEM certificate in it");
      }
      return certificates;
    } catch (IOException e) {
      throw new IllegalArgumentException(pem + ": cannot read it (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(pem + ": not a PEM certificate (" + e.getMessage() + ")");
    }
  }

  private static X509TrustManager jdkDefaults() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
