package io.squashinflux.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The trees the sync reads are those Jackson's {@code readTree} makes, node type for node type, and
 * their text is what their {@code toString()} gives.
 */
class JsonTest {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  @Test
  void everyKindOfValueMakesTheNodeReadTreeMakes() throws Exception {
    for (String document : List.of(
        "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":1.5,\"e\":1e400,"
            + "\"f\":NaN,\"g\":\"text \\u00e9\",\"h\":true,\"i\":false,\"j\":null,"
            + "\"k\":{\"l\":[1,[2,{\"m\":[]}],{}]},\"a\":\"last wins\"}",
        "[]", "[[[[1]]]]", "\"just a string\"", "42", "-0.0", "null", "{\"\":\"\"}")) {
      assertSame(Json.tree(document), MAPPER.readTree(document), document);
      assertSame(Json.tree(document.getBytes(StandardCharsets.UTF_8)), MAPPER.readTree(document),
          document);
      assertThat(Json.text(Json.tree(document))).as(document)
          .isEqualTo(MAPPER.readTree(document).toString());
    }
  }

  @Test
  void theProjectsJobFixturesReadAsReadTreeReadsThem() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/fixtures"))) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      JsonNode expected;
      try {
        expected = MAPPER.readTree(bytes);
      } catch (StreamReadException notJson) {
        continue; // the fixtures of broken documents: see the next test
      }
      assertSame(Json.tree(new ByteArrayInputStream(bytes)), expected, file.toString());
      assertThat(Json.text(expected)).as(file.toString()).isEqualTo(expected.toString());
    }
  }

  @Test
  void aValueInsideADocumentIsReadToItsEndAndNoFurther() throws Exception {
    try (JsonParser p = Json.FACTORY.createParser("{\"meta\":{\"x\":[1,2]},\"after\":3}")) {
      p.nextToken();
      p.nextToken();
      p.nextToken(); // on meta's START_OBJECT
      assertThat(Json.tree(p).toString()).isEqualTo("{\"x\":[1,2]}");
      assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(p.currentName()).isEqualTo("after");
    }
  }

  @Test
  void anEmptyDocumentIsAMissingNodeAndABrokenOneFails() throws Exception {
    assertThat(Json.tree("").isMissingNode()).isTrue();
    assertThat(Json.tree(new byte[0]).isMissingNode()).isTrue();
    assertThatThrownBy(() -> Json.tree("{\"a\":[1,2")).isInstanceOf(StreamReadException.class)
        .hasMessageContaining("end-of-input");
    assertThatThrownBy(() -> Json.tree("{\"a\":}")).isInstanceOf(StreamReadException.class);
  }

  /** Equal trees, and each node of the same class (an int stays an IntNode, not a LongNode). */
  private static void assertSame(JsonNode actual, JsonNode expected, String what) {
    assertThat(actual).as(what).isEqualTo(expected);
    assertThat(actual.getClass()).as(what).isEqualTo(expected.getClass());
    if (expected.isContainerNode()) {
      var names = expected.isObject() ? expected.fieldNames() : null;
      if (names != null) {
        assertThat(actual.size()).as(what).isEqualTo(expected.size());
        names.forEachRemaining(name -> assertSame(actual.get(name), expected.get(name), what + "." + name));
      } else {
        for (int i = 0; i < expected.size(); i++) {
          assertSame(actual.get(i), expected.get(i), what + "[" + i + "]");
        }
      }
    }
  }
}
