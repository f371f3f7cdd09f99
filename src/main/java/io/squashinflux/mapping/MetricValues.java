package io.squashinflux.mapping;

import io.squashinflux.lineprotocol.Floats;
import io.squashinflux.source.Measurement;
import java.math.BigDecimal;

/** Decides whether a metric value can be written as a float field, and whether it changes. */
final class MetricValues {
  private MetricValues() {}

  /** Why this value cannot be written, or null when it can. */
  static String whyNot(Measurement measurement) {
    Double value = measurement.value();
    if (value == null) {
      String literal = measurement.literal().strip();
      return literal.isEmpty() || literal.equals("null") ? "null value" : "not a number";
    }
    if (value.isNaN()) {
      return "NaN";
    }
    return value.isInfinite() ? "infinite" : null;
  }

  /** True when the float64 does not hold the document's decimal exactly (as its shortest text). */
  static boolean rounded(Measurement measurement) {
    String literal = measurement.literal();
    if (fitsDouble(literal)) {
      return false;
    }
    // Values written from a double (by Java, Jackson or Python) are its shortest text already:
    // one string comparison instead of two BigDecimals, for nearly every real metric value.
    String shortest = Floats.shortest(measurement.value());
    if (literal.equals(shortest)) {
      return false;
    }
    try {
      return new BigDecimal(literal.strip())
              .compareTo(new BigDecimal(shortest))
          != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A fast path for the common case: a plain decimal of at most 15 significant digits and no
   * exponent survives the round trip through a double (DBL_DIG = 15), so no BigDecimal is needed.
   */
  static boolean fitsDouble(String literal) {
    int digits = 0;
    boolean leading = true;
    int intDigits = 0;
    boolean fraction = false;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c >= '0' && c <= '9') {
        if (!fraction) {
          intDigits++;
        }
        if (c != '0' || !leading) {
          leading = false;
          digits++;
        }
      } else if (c == '.' && !fraction) {
        fraction = true;
      } else if (!(c == '-' && i == 0)) {
        return false;
      }
    }
    // Leading fraction zeros (0.000001) are not significant but bound the magnitude: keep it normal.
    return digits <= 15 && intDigits <= 300 && literal.length() <= 300;
  }
}
