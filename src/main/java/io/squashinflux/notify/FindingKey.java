package io.squashinflux.notify;

import io.squashinflux.detect.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What names a finding across runs: its series (metric, dataset, filter) and the time of its
 * change. The levels, packages and p-values may be refined by later data; the key stays.
 *
 * @param at the time (ns) of the first point at the new level
 */
public record FindingKey(String metric, String dataset, String filter, long at) {

  public static FindingKey of(Finding f) {
    return new FindingKey(f.metric(), f.dataset(), f.filter(), f.at());
  }

  /** A short stable id, for an annotation's {@code id} tag. */
  public String id() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          (metric + "\n" + dataset + "\n" + filter + "\n" + at).getBytes(StandardCharsets.UTF_8));
      return "squash-influx-" + HexFormat.of().formatHex(hash, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
