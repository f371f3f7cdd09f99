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
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS set-up of one client: the JDK's CAs plus those of the given PEM files. */
final class Trust {

  private Trust() {}

  /**
   * A context trusting the JDK's CAs and the certificates {@code cas} (read by {@link #read}).
   */
  static SSLContext adding(List<Certificate> cas) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {load(cas)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The JDK's own trust manager, over a store of its CAs plus {@code cas}. */
  static X509ExtendedTrustManager load(List<Certificate> cas) throws GeneralSecurityException {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      KeyStore store = null;
      if (!cas.isEmpty()) {
        factory.init((KeyStore) null);
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (X509Certificate ca : x509(factory.getTrustManagers()).getAcceptedIssuers()) {
          store.setCertificateEntry("jdk-" + n++, ca);
        }
        for (Certificate ca : cas) {
          store.setCertificateEntry("added-" + n++, ca);
        }
      }
      factory.init(store);
      return x509(factory.getTrustManagers());
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot load the trusted CAs: " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager x509(TrustManager[] managers)
      throws GeneralSecurityException {
    for (TrustManager manager : managers) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }

  static List<? extends Certificate> read(Path pem) {
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
}
