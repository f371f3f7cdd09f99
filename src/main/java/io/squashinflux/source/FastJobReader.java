package io.squashinflux.source;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the usual job document straight from its bytes, about twice as fast as Jackson's
 * tokenizer, which was a third of a sync's CPU (bench/run.sh, BENCHMARKS.md). It knows only the
 * usual case and gives up (null) on anything else: a byte outside ASCII, an escape in a string it
 * must decode, NaN, a nested meta value, a non-number value, any syntax or shape problem. {@link
 * JobParser} then reads the document with Jackson, which handles and reports everything. Both give
 * equal jobs whenever this one answers (FastJobReaderTest, over every sample and random and
 * damaged documents). Packages are never read here: a model that writes them uses Jackson.
 */
final class FastJobReader {
  private static final int MAX_DEPTH = 200;
  private static final int MAX_NUMBER = 100;
  /** Jackson's limit on a name's length (StreamReadConstraints); longer is Jackson's to refuse. */
  private static final int MAX_NAME = StreamReadConstraints.defaults().getMaxNameLength();

  /** Thrown to give up; no stack trace, it is never shown. */
  private static final class GiveUp extends RuntimeException {
    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final byte[] b;
  private final int end;
  private int i;
  private boolean integer; // whether the last number read had no fraction and no exponent

  private FastJobReader(byte[] bytes, int length) {
    this.b = bytes;
    this.end = length;
  }

  /** The job in {@code bytes[0, length)}, or null when Jackson must read it. */
  static Job read(byte[] bytes, int length, String ref, Job.Origin origin, Long id, String url) {
    try {
      return new FastJobReader(bytes, length).job(ref, origin, id, url);
    } catch (GiveUp e) {
      return null;
    }
  }

  private Job job(String ref, Job.Origin origin, Long id, String url) {
    String dateCreated = null;
    String ciDataset = null;
    String documentId = null;
    List<Measurement> measurements = null;
    Meta meta = Meta.EMPTY;
    expect('{');
    if (!next('}')) {
      do {
        String name = key();
        switch (name) {
          case "date_created" -> dateCreated = scalarText();
          case "ci_dataset" -> ciDataset = scalarText();
          case "id" -> documentId = scalarText();
          case "measurements" -> measurements = measurements();
          case "meta" -> meta = meta();
          default -> skipValue(0);
        }
      } while (separator('}'));
    }
    ws();
    if (i != end || measurements == null) {
      throw GIVE_UP;
    }
    return meta.job(ref, origin, id, url, dateCreated, ciDataset, measurements, documentId);
  }

  private List<Measurement> measurements() {
    expect('[');
    List<Measurement> measurements = new ArrayList<>();
    if (!next(']')) {
      do {
        measurements.add(measurement());
      } while (separator(']'));
    }
    return measurements;
  }

  private Measurement measurement() {
    String metric = null;
    String unit = null;
    Double value = null;
    String literal = "null";
    expect('{');
    if (!next('}')) {
      do {
        String name = key();
        switch (name) {
          case "metric" -> metric = scalarText();
          case "unit" -> unit = scalarText();
          case "value" -> {
            int c = peek();
            if (c == '-' || c >= '0' && c <= '9') {
              literal = number();
              value = integer ? integerAsDouble(literal) : parseDouble(literal);
            } else if (literal("null")) {
              value = null;
              literal = "null";
            } else {
              throw GIVE_UP; // its JSON text is reported: Jackson writes it
            }
          }
          default -> skipValue(0);
        }
      } while (separator('}'));
    }
    if (metric == null || metric.isEmpty()) {
      throw GIVE_UP;
    }
    return new Measurement(metric, value, literal, unit);
  }

  private Meta meta() {
    if (literal("null")) {
      return Meta.EMPTY;
    }
    expect('{');
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    Map<String, JsonNode> env = new LinkedHashMap<>();
    if (!next('}')) {
      do {
        String name = key();
        if (name.equals("packages")) {
          skipValue(0);
        } else if (name.equals("env")) {
          env = literal("null") ? Map.of() : object();
        } else {
          entries.put(name, node());
        }
      } while (separator('}'));
    }
    return new Meta(entries, env, List.of());
  }

  /** An object of scalar values, in document order; a repeated key keeps its last value. */
  private Map<String, JsonNode> object() {
    expect('{');
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    if (!next('}')) {
      do {
        String name = key();
        entries.put(name, node());
      } while (separator('}'));
    }
    return entries;
  }

  /** A scalar as the node Jackson's readTree makes of it. */
  private JsonNode node() {
    int c = peek();
    if (c == '"') {
      return TextNode.valueOf(string());
    }
    if (c == '-' || c >= '0' && c <= '9') {
      String number = number();
      if (!integer) {
        double value = parseDouble(number);
        if (!Meta.fits(value, number)) {
          throw GIVE_UP; // beyond float64: Jackson keeps it, and the mapping notes it
        }
        return DoubleNode.valueOf(value);
      }
      long value = integerAsLong(number);
      return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }
    if (literal("true")) {
      return BooleanNode.TRUE;
    }
    if (literal("false")) {
      return BooleanNode.FALSE;
    }
    if (literal("null")) {
      return NullNode.getInstance();
    }
    throw GIVE_UP;
  }

  /** The text of a string, number or boolean; null for null, objects and arrays (skipped). */
  private String scalarText() {
    int c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return number();
    }
    if (literal("true")) {
      return "true";
    }
    if (literal("false")) {
      return "false";
    }
    if (!literal("null")) {
      skipValue(0);
    }
    return null;
  }

  // The grammar: whitespace, separators, keys, strings, numbers, literals and skipped values.

  // The scanning loops work on locals: C1, the only JIT the launcher runs, keeps fields in memory.

  private void ws() {
    byte[] bytes = b;
    int p = i;
    int limit = end;
    while (p < limit) {
      byte c = bytes[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      p++;
    }
    i = p;
  }

  /** The next non-blank byte, not consumed; -1 at the end. */
  private int peek() {
    ws();
    return i < end ? b[i] : -1;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw GIVE_UP;
    }
    i++;
  }

  /** Consumes {@code c} when it comes next. */
  private boolean next(char c) {
    if (peek() == c) {
      i++;
      return true;
    }
    return false;
  }

  /** After a member or element: true for a comma, false for the closing {@code close}. */
  private boolean separator(char close) {
    int c = peek();
    i++;
    if (c == ',') {
      return true;
    }
    if (c == close) {
      return false;
    }
    throw GIVE_UP;
  }

  private String key() {
    String key = string();
    if (key.length() > MAX_NAME) {
      throw GIVE_UP; // Jackson refuses names this long
    }
    expect(':');
    ws();
    return key;
  }

  /** A string without escapes, ASCII only. */
  private String string() {
    expect('"');
    byte[] bytes = b;
    int start = i;
    int limit = end;
    for (int p = start; p < limit; p++) {
      byte c = bytes[p];
      if (c == '"') {
        i = p + 1;
        return new String(bytes, start, p - start, StandardCharsets.ISO_8859_1);
      }
      if (c == '\\' || c < 0x20) { // an escape to decode, or a control character (invalid)
        throw GIVE_UP;
      }
    }
    throw GIVE_UP;
  }

  /** Skips a string, escapes included; ASCII only. */
  private void skipString() {
    byte[] bytes = b;
    int limit = end;
    int p = i + 1; // after the opening quote
    while (p < limit) {
      byte c = bytes[p++];
      if (c == '"') {
        i = p;
        return;
      }
      if (c == '\\') {
        if (p >= limit) {
          throw GIVE_UP;
        }
        byte e = bytes[p++];
        if (e == 'u') {
          for (int k = 0; k < 4; k++) {
            if (p >= limit || Character.digit(bytes[p++], 16) < 0) {
              throw GIVE_UP;
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw GIVE_UP;
        }
      } else if (c < 0x20) { // a control character, or a byte of a multi-byte UTF-8 character
        throw GIVE_UP;
      }
    }
    throw GIVE_UP;
  }

  /** A number as JSON writes it: {@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}; its text. */
  private String number() {
    ws();
    int start = i;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i < end && b[i] == '0') {
      i++;
    } else if (digits() == 0) {
      throw GIVE_UP; // NaN, Infinity, a leading + or a lone minus: Jackson's to read
    }
    integer = true;
    if (i < end && b[i] == '.') {
      i++;
      integer = false;
      if (digits() == 0) {
        throw GIVE_UP;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      integer = false;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      if (digits() == 0) {
        throw GIVE_UP;
      }
    }
    if (i < end && (Character.isLetterOrDigit(b[i]) || b[i] == '.') || i - start > MAX_NUMBER) {
      throw GIVE_UP; // "01", "1.2.3", "1x" are not JSON; a very long number is Jackson's to judge
    }
    return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
  }

  private int digits() {
    byte[] bytes = b;
    int limit = end;
    int start = i;
    int p = start;
    while (p < limit && bytes[p] >= '0' && bytes[p] <= '9') {
      p++;
    }
    i = p;
    return p - start;
  }

  /** Consumes the literal ({@code true}, {@code false}, {@code null}) when it comes next. */
  private boolean literal(String word) {
    ws();
    int n = word.length();
    if (i + n > end) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    if (i + n < end && Character.isLetterOrDigit(b[i + n])) {
      throw GIVE_UP; // "nullx": not JSON
    }
    i += n;
    return true;
  }

  private void skipValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw GIVE_UP;
    }
    int c = peek();
    if (c == '"') {
      skipString();
    } else if (c == '{') {
      i++;
      if (!next('}')) {
        do {
          if (peek() != '"') {
            throw GIVE_UP;
          }
          int start = i;
          skipString();
          if (i - start - 2 > MAX_NAME) {
            throw GIVE_UP; // Jackson refuses names this long
          }
          expect(':');
          skipValue(depth + 1);
        } while (separator('}'));
      }
    } else if (c == '[') {
      i++;
      if (!next(']')) {
        do {
          skipValue(depth + 1);
        } while (separator(']'));
      }
    } else if (c == '-' || c >= '0' && c <= '9') {
      number();
    } else if (!literal("true") && !literal("false") && !literal("null")) {
      throw GIVE_UP;
    }
  }

  // Numbers as Jackson's getDoubleValue and readTree make them.

  /** An integer's double as Jackson makes it: through a long ({@code -0} is 0.0). */
  private static double integerAsDouble(String literal) {
    return integerAsLong(literal);
  }

  private static long integerAsLong(String literal) {
    if (literal.length() > 18) {
      throw GIVE_UP; // beyond a long, or close: Jackson's to read
    }
    return Long.parseLong(literal);
  }

  private static double parseDouble(String literal) {
    return NumberInput.parseDouble(literal, true);
  }
}
