package io.squashinflux.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS set-up of one client: the JDK's CAs plus those of the given PEM files. It is made on the
 * first handshake, not with the client: the JDK's client sets up TLS even for http URLs, and that
 * set-up (the JDK's CAs, its cipher suites and their providers) is a large part of the start-up
 * of a sync with nothing to do (BENCHMARKS.md).
 */
final class Trust extends SSLContextSpi {
  private final List<Path> pems;
  private volatile SSLContext real;

  private Trust(List<Path> pems) {
    this.pems = List.copyOf(pems);
  }

  /**
   * A context trusting the JDK's CAs and every certificate in {@code pems}, set up when first used.
   *
   * @throws IllegalArgumentException a file that cannot be read or holds no certificate
   */
  static SSLContext adding(List<Path> pems) {
    pems.forEach(Trust::read); // a bad file is an error now, not at the first handshake
    return new SSLContext(new Trust(pems), Security.getProvider("SunJSSE"), "TLS") {};
  }

  /** What the JDK's client would use if asked nothing: the engines' own defaults. */
  static SSLParameters parameters() {
    return new SSLParameters();
  }

  private SSLContext real() {
    SSLContext context = real;
    if (context == null) {
      synchronized (this) {
        if (real == null) {
          try {
            SSLContext made = SSLContext.getInstance("TLS");
            made.init(null, new TrustManager[] {load(pems)}, null);
            real = made;
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
          }
        }
        context = real;
      }
    }
    return context;
  }

  @Override
  protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
    throw new UnsupportedOperationException("set up on first use");
  }

  @Override
  protected SSLSocketFactory engineGetSocketFactory() {
    return real().getSocketFactory();
  }

  @Override
  protected SSLServerSocketFactory engineGetServerSocketFactory() {
    return real().getServerSocketFactory();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine() {
    return real().createSSLEngine();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine(String host, int port) {
    return real().createSSLEngine(host, port);
  }

  @Override
  protected SSLSessionContext engineGetServerSessionContext() {
    return real().getServerSessionContext();
  }

  @Override
  protected SSLSessionContext engineGetClientSessionContext() {
    return real().getClientSessionContext();
  }

  @Override
  protected SSLParameters engineGetDefaultSSLParameters() {
    return real().getDefaultSSLParameters();
  }

  @Override
  protected SSLParameters engineGetSupportedSSLParameters() {
    return real().getSupportedSSLParameters();
  }

  /** The JDK's own trust manager, over a store of its CAs plus the files' certificates. */
  static X509ExtendedTrustManager load(List<Path> pems) throws GeneralSecurityException {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      KeyStore store = null;
      if (!pems.isEmpty()) {
        factory.init((KeyStore) null);
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (X509Certificate ca : x509(factory.getTrustManagers()).getAcceptedIssuers()) {
          store.setCertificateEntry("jdk-" + n++, ca);
        }
        for (Path pem : pems) {
          for (Certificate certificate : read(pem)) {
            store.setCertificateEntry("added-" + n++, certificate);
          }
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
