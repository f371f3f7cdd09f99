package io.squashinflux.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;

/** A specs document of any size is streamed, and refused in one line past the stated count. */
class HugeSpecsTest {

  /** {@code {"specs": [...]}} of {@code count} specs, made as it is read (never held whole). */
  private static InputStream specs(int count) {
    Enumeration<InputStream> parts = new Enumeration<>() {
      int next = -1;

      @Override
      public boolean hasMoreElements() {
        return next <= count;
      }

      @Override
      public InputStream nextElement() {
        String text;
        if (next == -1) {
          text = "{\"specs\": [";
        } else if (next == count) {
          text = "]}";
        } else {
          text = (next == 0 ? "" : ",") + "{\"name\": \"validate_drp.metric_" + next
              + ".design_gri\", \"type\": \"threshold\", \"threshold\": {\"value\": " + next
              + ".5, \"unit\": \"mmag\", \"operator\": \"<=\"}, \"metadata_query\": {\"instrument\":"
              + " \"HSC\", \"dataset_name\": \"validation_data_hsc\", \"filter_name\": \"HSC-G\"},"
              + " \"tags\": [\"design\", \"chromatic\"]}";
        }
        next++;
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
      }
    };
    return new SequenceInputStream(parts);
  }

  @Test
  void sixHundredThousandSpecsAreRefusedInOneLine() {
    assertThatThrownBy(() -> Specs.parse(specs(600_000), "huge.json"))
        .isInstanceOf(SpecsException.class)
        .hasMessage("huge.json holds more than 100000 specs: refused (SQuaSH's whole /specs holds"
            + " a few thousand); pass the specs of your metrics");
  }

  @Test
  void aLargeDocumentBelowTheLimitIsReadWhole() {
    Specs specs = Specs.parse(specs(20_000), "large.json");
    assertThat(specs.metrics()).hasSize(20_000);
    assertThat(specs.of("validate_drp.metric_19999").get(0).value()).isEqualTo(19999.5);
  }
}
