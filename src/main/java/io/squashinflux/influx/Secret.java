package io.squashinflux.influx;

/** A password that never prints: toString gives stars, only {@link #reveal} gives the text. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A secret, or null for a null or empty text. */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? null : new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "***";
  }
}
