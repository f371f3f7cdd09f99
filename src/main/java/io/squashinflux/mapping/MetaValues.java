package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** How a meta or env value reads as tag or field text, and why some values cannot. */
final class MetaValues {
  private MetaValues() {}

  /**
   * The value as text (strings as they are, numbers as their JSON text, booleans true/false), or
   * null when it has none; {@link #whyNot} then says why.
   */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.textValue();
      return text.isEmpty() ? null : text;
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "true" : "false";
    }
    if (node.isBigDecimal()) { // only for a decimal beyond float64 (see Meta.fits)
      double value = node.doubleValue();
      return Double.isInfinite(value) ? null : Double.toString(value);
    }
    return node.isNumber() ? node.asText() : null;
  }

  /** For a value beyond float64 that {@link #text} still writes, what happened to it; else null. */
  static String changed(JsonNode node) {
    if (node == null || !node.isBigDecimal() || Double.isInfinite(node.doubleValue())) {
      return null;
    }
    return "below the smallest float64: written " + Double.toString(node.doubleValue());
  }

  /** Why {@link #text} gave null, in the words the summary counts by. */
  static String whyNot(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isObject()) {
      return "nested object";
    }
    if (node.isArray()) {
      return "nested list";
    }
    if (node.isBigDecimal()) {
      return "beyond float64";
    }
    return node.isTextual() && node.textValue().isEmpty() ? "empty" : "not a scalar";
  }

  /** The value as a float, or null when it is neither a number nor a text holding one. */
  static Double number(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      try {
        double value = Double.parseDouble(node.textValue().strip());
        return Double.isFinite(value) ? value : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
