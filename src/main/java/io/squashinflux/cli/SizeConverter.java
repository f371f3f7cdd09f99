package io.squashinflux.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Reads a byte count: {@code 1048576}, {@code 512KB}, {@code 256MB}, {@code 1GB} (powers of 1024). */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String text = value.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
    long unit = 1;
    if (!text.isEmpty() && "KMG".indexOf(text.charAt(text.length() - 1)) >= 0) {
      unit = 1L << (10 * ("KMG".indexOf(text.charAt(text.length() - 1)) + 1));
      text = text.substring(0, text.length() - 1).trim();
    }
    try {
      long amount = Long.parseLong(text);
      if (amount > 0 && amount <= Long.MAX_VALUE / unit) {
        return amount * unit;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new CommandLine.TypeConversionException(
        "'" + value + "' is not a positive size (e.g. 1048576, 512KB, 256MB, 1GB)");
  }
}
