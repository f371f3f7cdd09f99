package io.squashinflux.report;

import io.squashinflux.series.Point;
import io.squashinflux.specs.SpecStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpecTableTest {
  private static final Pattern HEADER = Pattern.compile("<th class=\"flt\">([^<]*)</th>");

  private static SpecStatus status(String dataset, String filter, double value) {
    return new SpecStatus("validate_drp.PA1", dataset, filter, new Point(0, value, null, null, null),
        "mmag", List.of(new SpecStatus.Level("design", "<=", 5, value <= 5)));
  }

  @Test
  void eachDatasetGetsItsOwnTableWithFiltersInWavelengthOrder() throws Exception {
    List<SpecStatus> specs = new ArrayList<>();
    for (String f : List.of("y", "N921", "HSC-R2", "g", "i", "z")) {
      specs.add(status("validation_data_hsc", f, 4));
    }
    specs.add(status("validation_data_cfht", "r", 6));
    StringWriter out = new StringWriter();
    SpecTable.write(out, specs);
    String html = out.toString();
    List<String> headers = new ArrayList<>();
    Matcher m = HEADER.matcher(html);
    while (m.find()) {
      headers.add(m.group(1));
    }
    // cfht's table first (by name), with only its own filter; then hsc's.
    assertThat(headers).containsExactly("r", "g", "HSC-R2", "i", "z", "y", "N921");
    assertThat(html).contains("<h3 title=\"validation_data_cfht\">cfht</h3>")
        .contains("<tr class=\"pkg\"><th colspan=\"2\">validate_drp</th></tr>")
        .contains(">PA1</a>").contains("class=\"num lvl fails\"").contains("class=\"num lvl design\"");
  }
}
