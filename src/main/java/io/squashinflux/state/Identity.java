package io.squashinflux.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a state belongs to: one source, one InfluxDB database and one data model. A state is
 * never reused for another.
 *
 * @param source the source, printable without credentials
 * @param database the InfluxDB URL (without credentials) and database
 * @param mapping the data model's name and a fingerprint of its full settings
 */
public record Identity(String source, String database, String mapping) {
  public Identity {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(database, "database == null");
    Objects.requireNonNull(mapping, "mapping == null");
  }

  /** A short stable hash, for naming a default state file per identity. */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha.digest((source + "\n" + database + "\n" + mapping).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
