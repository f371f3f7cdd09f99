package io.squashinflux.net;

import io.squashinflux.failure.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The CA files of {@code --ca-cert}, {@code --influx-ca-cert} and {@code --squash-ca-cert},
 * checked before anything connects, so that a bad file is a usage error naming its option.
 */
public final class CaCerts {
  private CaCerts() {}

  /** The given files (nulls dropped), each checked to hold a PEM certificate. */
  public static List<Path> of(String option, Path shared, String ownOption, Path own) {
    List<Path> files = new ArrayList<>();
    if (shared != null) {
      files.add(check(option, shared));
    }
    if (own != null) {
      files.add(check(ownOption, own));
    }
    return files;
  }

  private static Path check(String option, Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new UserError(option + " " + pem + ": no PEM certificate in it");
      }
      return pem;
    } catch (IOException e) {
      throw new UserError(option + " " + pem + ": cannot read it (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new UserError(option + " " + pem + ": not a PEM certificate (" + e.getMessage() + ")");
    }
  }
}
