package io.squashinflux.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The JSON a sync reads (job documents, the job list, answers, its state file) and writes (its
 * state file), with Jackson's streaming parser and nodes but without an {@code ObjectMapper}: the
 * first mapper of a process sets up date formats and locale data, a large part of the start-up of
 * a sync with nothing to do (BENCHMARKS.md). The trees are those {@code readTree} builds.
 */
public final class Json {

  /** Bare {@code NaN} and infinities are accepted: older lsst.verify job files hold them. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      // Correctly rounded like the JDK's parser, and cheaper (BENCHMARKS.md).
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** The document's tree; a missing node for an empty document. */
  public static JsonNode tree(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      return document(p);
    }
  }

  /** The document's tree; a missing node for an empty document. */
  public static JsonNode tree(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      return document(p);
    }
  }

  /** The document's tree; a missing node for an empty document. */
  public static JsonNode tree(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      return document(p);
    }
  }

  private static JsonNode document(JsonParser p) throws IOException {
    return p.nextToken() == null ? MissingNode.getInstance() : tree(p);
  }

  /**
   * The value the parser is on, read to its end; null when the parser is on no token. Objects
   * keep the last of a repeated key. Nesting is followed without recursion, so a deep document
   * meets the parser's depth limit, not the stack's.
   */
  public static JsonNode tree(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      return null;
    }
    if (!token.isStructStart()) {
      return scalar(p);
    }
    Deque<JsonNode> open = new ArrayDeque<>();
    JsonNode root = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    open.push(root);
    String name = null;
    while (!open.isEmpty()) {
      token = p.nextToken();
      if (token == null) {
        throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end-of-input");
      }
      if (token == JsonToken.FIELD_NAME) {
        name = p.currentName();
        continue;
      }
      if (token.isStructEnd()) {
        open.pop();
        continue;
      }
      JsonNode value = token == JsonToken.START_OBJECT ? NODES.objectNode()
          : token == JsonToken.START_ARRAY ? NODES.arrayNode() : scalar(p);
      JsonNode parent = open.peek();
      if (parent instanceof ObjectNode object) {
        object.replace(name, value);
      } else {
        ((ArrayNode) parent).add(value);
      }
      if (token.isStructStart()) {
        open.push(value);
      }
    }
    return root;
  }

  /** The node as compact JSON text, the text its {@code toString()} gives. */
  public static String text(JsonNode node) {
    if (node.isMissingNode()) {
      return "";
    }
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, node);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        g.writeFieldName(property.getKey());
        write(g, property.getValue());
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode item : node) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isBoolean()) {
      g.writeBoolean(node.booleanValue());
    } else if (node.isInt() || node.isLong() || node.isShort()) {
      g.writeNumber(node.longValue());
    } else if (node.isBigInteger()) {
      g.writeNumber(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      g.writeNumber(node.decimalValue());
    } else if (node.isFloat()) {
      g.writeNumber(node.floatValue());
    } else if (node.isDouble()) {
      g.writeNumber(node.doubleValue());
    } else {
      g.writeNull();
    }
  }

  private static JsonNode scalar(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      default -> NODES.pojoNode(p.getEmbeddedObject());
    };
  }
}
