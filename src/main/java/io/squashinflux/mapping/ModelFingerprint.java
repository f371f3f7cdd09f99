package io.squashinflux.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A data model's name and a hash of its whole definition and overrides: the state of a sync
 * written with one model is not taken for another's.
 */
public final class ModelFingerprint {
  private ModelFingerprint() {}

  /** {@code model} is a built-in name or a mapping file; {@code overrides} the options that change it. */
  public static String of(String model, String overrides) {
    boolean builtIn = Mapping.BUILT_IN.contains(model);
    String text;
    try {
      text = builtIn ? "built-in " + model : Files.readString(Path.of(model), StandardCharsets.UTF_8);
    } catch (IOException e) {
      text = model;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((text + "\n" + overrides).getBytes(StandardCharsets.UTF_8));
      String name = builtIn ? model : Path.of(model).getFileName().toString();
      return name + " " + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
