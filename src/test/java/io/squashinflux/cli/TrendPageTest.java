package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.testing.Chromium;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.SharedSamples;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's page as a person sees it: opened from disk in headless Chromium, network off. */
class TrendPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DUMP =
      Pattern.compile("<pre id=\"squash-report-dump\" hidden=\"\">(.*?)</pre>", Pattern.DOTALL);
  private static final Pattern ROW = Pattern.compile("<tr class=\"(\\w+)(?: member)?\" data-metric=\"([^\"]*)\""
      + " data-dataset=\"([^\"]*)\" data-filter=\"([^\"]*)\" data-at=\"([^\"]*)\">");
  private static InfluxServer influx;
  private static TrendData data;
  @TempDir static Path dir;

  @BeforeAll
  static void sync() throws Exception {
    influx = InfluxServer.start();
    data = TrendData.start(influx, 300, 0, 0, 0, 0);
    TrendData.writeSpecs(dir);
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  private static Path report(String name, String specs) {
    Path html = dir.resolve(name + ".html");
    Cli.Result run = Cli.run("report", "--influx-url", influx.url(), "--db", "notebook",
        "--specs", specs, "--measurement", "validate_drp", "-o", html.toString(),
        "--findings", dir.resolve(name + ".json").toString());
    assertThat(run.code()).as(run.toString()).isZero();
    return html;
  }

  private static JsonNode dump(String dom) throws Exception {
    Matcher m = DUMP.matcher(dom);
    assertThat(m.find()).as("the page dumped its state").isTrue();
    return JSON.readTree(unescape(m.group(1)));
  }

  @Test
  void chartsInViewAreDrawnWithWhatInfluxDbHolds() throws Exception {
    Path html = report("page", dir.resolve("specs.json").toString());
    String text = Files.readString(html);
    assertThat(text).doesNotContain("<script src").doesNotContain("<link ");
    Chromium.Run run = Chromium.dumpDom(html.toUri() + "?dump", 1280, 4800, dir.resolve("profile"));
    JsonNode page = dump(run.stdout());
    assertThat(page.get("errors")).as(run.stderr()).isEmpty();
    assertThat(run.stderr()).doesNotContain("Uncaught");
    int drawn = 0;
    for (var chart : iterable(page.get("charts").fields())) {
      JsonNode c = chart.getValue();
      if (c.path("inView").asBoolean()) {
        assertThat(c.get("drawn").asBoolean()).as(chart.getKey()).isTrue();
      }
      if (!c.get("drawn").asBoolean()) {
        continue;
      }
      drawn++;
      for (JsonNode s : c.get("series")) {
        List<Double> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (TrendData.Row row : data.series("notebook", chart.getKey(), s.get("dataset").asText(),
            s.get("filter").asText())) {
          times.add(row.time() / 1e9);
          values.add(row.value());
        }
        assertThat(doubles(s.get("t"))).as(chart.getKey() + " " + s.get("label")).isEqualTo(times);
        assertThat(doubles(s.get("values"))).as(chart.getKey() + " " + s.get("label")).isEqualTo(values);
      }
    }
    assertThat(drawn).isGreaterThanOrEqualTo(3);
    // The regression list on the page is the JSON's, in the same order.
    JsonNode json = JSON.readTree(dir.resolve("page.json").toFile());
    List<String> onPage = new ArrayList<>();
    Matcher row = ROW.matcher(run.stdout());
    while (row.find()) {
      if (row.group(1).equals("worse")) {
        onPage.add(row.group(2) + " " + row.group(3) + " " + row.group(4) + " " + row.group(5));
      }
    }
    List<String> inJson = new ArrayList<>();
    json.get("regressions").forEach(f -> inJson.add(f.get("metric").asText() + " "
        + f.get("dataset").asText() + " " + f.get("filter").asText() + " " + f.get("at").asText()));
    assertThat(onPage).hasSize(5).isEqualTo(inJson);
  }

  @Test
  void screenshotShowsDrawnCharts() throws Exception {
    Path html = report("shot", dir.resolve("specs.json").toString());
    Path png = dir.resolve("shot.png");
    Chromium.screenshot(html.toUri().toString(), png, 1280, 2400, dir.resolve("profile-shot"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getHeight()).isEqualTo(2400);
    // The first line colour of the palette (#1f77b4) only appears where a chart drew its line.
    int line = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        line += Math.abs(r - 0x1f) < 24 && Math.abs(g - 0x77) < 24 && Math.abs(b - 0xb4) < 24 ? 1 : 0;
      }
    }
    assertThat(line).as("pixels of the first series' line").isGreaterThan(300);
  }

  @Test
  void specStatusOfTwelveFiltersNeedsNoSidewaysScrolling() throws Exception {
    Path html = report("spec-width", dir.resolve("specs.json").toString());
    int series = JSON.readTree(dir.resolve("spec-width.json").toFile()).get("specs").size();
    assertThat(series).as("3 datasets, 12 filters, 16 metrics").isGreaterThan(150);
    for (int width : List.of(1280, 900)) {
      Chromium.Run run = Chromium.dumpDom(html.toUri() + "?dump", width, 1600,
          dir.resolve("profile-width-" + width));
      JsonNode layout = dump(run.stdout()).get("layout");
      assertThat(layout.get("specCells").asInt()).as("cells at %d px", width).isEqualTo(series);
      assertThat(layout.get("specCellsPastEdge").asInt()).as("cells past the edge at %d px", width)
          .isZero();
      assertThat(layout.get("scrollWidth").asInt()).as("page width at %d px", width)
          .isLessThanOrEqualTo(layout.get("width").asInt());
    }
  }

  @Test
  void thresholdsOfARealVerifyJobFileAreDrawnOnTheirChart() throws Exception {
    Path sample = SharedSamples.dir().resolve("verify_job.json");
    Path html = report("real-specs", sample.toString());
    Chromium.Run run = Chromium.dumpDom(html.toUri() + "?dump#chart-of-validate_drp.PA1", 1280, 1200,
        dir.resolve("profile-specs"));
    JsonNode pa1 = dump(run.stdout()).get("charts").get("validate_drp.PA1");
    assertThat(pa1.get("drawn").asBoolean()).isTrue();
    List<String> thresholds = new ArrayList<>();
    pa1.get("thresholds").forEach(t -> thresholds.add(t.get("level").asText() + " "
        + t.get("operator").asText() + " " + t.get("value").asDouble()));
    // verify_job.json: PA1 design_gri <= 5.0, minimum_gri <= 8.0, stretch_gri <= 3.0 mmag.
    assertThat(thresholds).contains("design <= 5.0", "minimum <= 8.0", "stretch <= 3.0");
  }

  /** The text of an element as --dump-dom serializes it. */
  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asDouble()));
    return out;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
