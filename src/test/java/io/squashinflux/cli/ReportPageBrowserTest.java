package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.InfluxServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page driven as a person uses it: Debian's chromium through Debian's chromium-driver
 * (Selenium, nothing downloaded), opened from disk with the network off. The squash model's jobs
 * of one CI run share a time, so several series have a point under the cursor at once.
 */
class ReportPageBrowserTest {
  private static final String PA1 = "validate_drp.PA1";
  private static InfluxServer influx;
  private static ChromeDriver browser;
  private static Path page;
  private static Path notebookPage;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    influx = InfluxServer.start();
    TrendData.start(influx, 300, 0, 0, 0, 0);
    Path specs = TrendData.writeSpecs(dir);
    page = dir.resolve("report.html");
    Cli.Result run = Cli.run("report", "--influx-url", influx.url(), "--db", "squash", "--mapping",
        "squash", "--specs", specs.toString(), "--measurement", "validate_drp", "-o", page.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    notebookPage = dir.resolve("notebook.html");
    run = Cli.run("report", "--influx-url", influx.url(), "--db", "notebook", "--mapping",
        "notebook", "--specs", specs.toString(), "--measurement", "validate_drp", "-o",
        notebookPage.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=http://127.0.0.1:9", "--window-size=1280,1000");
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    influx.close();
  }

  @AfterEach
  void desktop() {
    browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  private static void open(String hash) {
    open(page, hash);
  }

  private static void open(Path file, String hash) {
    browser.get("about:blank");
    browser.get(file.toUri() + hash);
    // The first screen's charts are drawn on load; a linked chart too.
    String chart = hash.isEmpty() ? "Object.keys(window.squashReport.charts)[0]" : "'" + PA1 + "'";
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(js(
        "return !!(window.squashReport && window.squashReport.charts && window.squashReport.charts["
            + chart + "] && (" + hash.isEmpty() + " || window.squashReport.charts[" + chart + "].drawn))")));
    assertThat((List<?>) js("return window.squashReport.errors")).isEmpty();
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static Object chart(String key) {
    return js("return window.squashReport.charts[arguments[0]][arguments[1]]", PA1, key);
  }

  @Test
  void hoveringAPointNamesTheSeriesUnderTheCursorNotAnotherAtTheSameTime() {
    open("#chart-of-" + PA1);
    js("document.getElementById('chart-of-' + arguments[0]).scrollIntoView({block: 'center'})", PA1);
    // A point of a series other than the first whose time other series share too, with no
    // other series' point within 12 px of it (the one under the cursor is then unambiguous).
    @SuppressWarnings("unchecked")
    List<Object> target = (List<Object>) js("var m = arguments[0], r = window.squashReport, c = r.charts[m];"
        + "for (var i = c.series.length - 1; i > 0; i--) { var s = c.series[i];"
        + "  for (var k = 5; k < s.t.length; k++) {"
        + "    var shared = c.series.some(function (o) { return o !== s && o.t.indexOf(s.t[k]) >= 0; });"
        + "    if (!shared) continue;"
        + "    var p = r.pointAt(m, s.label, k), clear = true;"
        + "    c.series.forEach(function (o) { if (o === s) return; o.t.forEach(function (t, j) {"
        + "      var q = r.pointAt(m, o.label, j);"
        + "      if (Math.abs(q.x - p.x) < 12 && Math.abs(q.y - p.y) < 12) clear = false; }); });"
        + "    if (clear) return [s.label, k]; } } return null;", PA1);
    assertThat(target).as("a time shared by two series").isNotNull();
    String label = (String) target.get(0);
    int index = ((Number) target.get(1)).intValue();
    @SuppressWarnings("unchecked")
    Map<String, Number> at = (Map<String, Number>) js(
        "return window.squashReport.pointAt(arguments[0], arguments[1], arguments[2])", PA1, label, index);
    new Actions(browser).moveToLocation((int) Math.round(at.get("x").doubleValue()),
        (int) Math.round(at.get("y").doubleValue())).perform();
    String hover = browser.findElement(By.cssSelector("#chart-of-" + PA1.replace(".", "\\.")
        + " .hover")).getText();
    assertThat(hover).startsWith(label + ": ").contains("job ");
    assertThat(chart("focused")).isEqualTo(label);
  }

  @Test
  void inTheNotebookModelHoveringAPointNamesItsJobAndAClickOpensItsCiRun() {
    open(notebookPage, "#chart-of-" + PA1);
    Map<String, Object> point = hoverAndClickAClearPoint();
    assertThat((String) point.get("hover")).startsWith(point.get("label") + ": ")
        .contains("job " + point.get("job") + " \u00b7 CI run " + point.get("run"))
        .contains("click to open it");
    assertThat((String) point.get("url")).startsWith("https://ci.lsst.codes/job/validate_drp/")
        .endsWith("/" + point.get("run") + "/");
    assertThat(point.get("opened")).isEqualTo(point.get("url"));
  }

  @Test
  void inTheSquashModelAClickOpensTheCiRunsPageNotSquashsJson() {
    open("#chart-of-" + PA1);
    Map<String, Object> point = hoverAndClickAClearPoint();
    assertThat((String) point.get("hover")).contains("job " + point.get("job"));
    assertThat((String) point.get("opened")).startsWith("https://ci.lsst.codes/job/validate_drp/")
        .endsWith("/" + point.get("run") + "/");
  }

  /**
   * Hovers a point of the PA1 chart with no other series' point within 12 px, then clicks it
   * with {@code window.open} recording where it would go (the network is off): the series'
   * label, the point's job, run and url from the page's data, the hover text and what opened.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> hoverAndClickAClearPoint() {
    js("document.getElementById('chart-of-' + arguments[0]).scrollIntoView({block: 'center'})", PA1);
    Map<String, Object> point = (Map<String, Object>) js("var m = arguments[0], r = window.squashReport,"
        + " c = r.charts[m];"
        + "for (var i = 0; i < c.series.length; i++) { var s = c.series[i];"
        + "  for (var k = 5; k < s.t.length; k++) {"
        + "    var p = r.pointAt(m, s.label, k), clear = true;"
        + "    c.series.forEach(function (o) { if (o === s) return; o.t.forEach(function (t, j) {"
        + "      var q = r.pointAt(m, o.label, j);"
        + "      if (Math.abs(q.x - p.x) < 12 && Math.abs(q.y - p.y) < 12) clear = false; }); });"
        + "    if (clear) return {label: s.label, x: p.x, y: p.y, job: s.jobs[k], run: s.runs[k],"
        + "      url: s.urls[k]}; } } return null;", PA1);
    assertThat(point).as("a point clear of the other series").isNotNull();
    js("window.open = function (url) { window.openedUrl = url; return null; }");
    new Actions(browser).moveToLocation((int) Math.round(((Number) point.get("x")).doubleValue()),
        (int) Math.round(((Number) point.get("y")).doubleValue())).click().perform();
    Map<String, Object> seen = new java.util.HashMap<>(point);
    seen.put("hover", browser.findElement(By.cssSelector("#chart-of-" + PA1.replace(".", "\\.")
        + " .hover")).getText());
    seen.put("opened", js("return window.openedUrl"));
    assertThat(chart("focused")).isEqualTo(point.get("label"));
    return seen;
  }

  @Test
  void followingARegressionShowsItsSeriesAloneWithItsChangeAndOneClickBringsTheOthersBack()
      throws Exception {
    open("");
    WebElement link = browser.findElement(By.cssSelector("#regressions-table tr.worse[data-metric='"
        + PA1 + "'] a[data-chart]"));
    WebElement row = link.findElement(By.xpath("./ancestor::tr"));
    String label = row.getAttribute("data-dataset") + " / " + row.getAttribute("data-filter");
    link.click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> label.equals(chart("isolated")));
    assertThat(chart("shown")).isEqualTo(List.of(label));
    WebElement section = browser.findElement(By.id("chart-of-" + PA1));
    WebElement banner = section.findElement(By.cssSelector(".isolated"));
    assertThat(banner.isDisplayed()).isTrue();
    assertThat(banner.getText()).contains(label).contains("Show all series");
    // Every change line drawn belongs to the series shown.
    @SuppressWarnings("unchecked")
    List<Object> changes = (List<Object>) chart("changes");
    assertThat(changes).isNotEmpty();
    screenshot("report-followed-regression.png");
    banner.findElement(By.cssSelector("button.show-all")).click();
    @SuppressWarnings("unchecked")
    List<Object> shown = (List<Object>) chart("shown");
    assertThat(shown.size()).isGreaterThan(1);
    assertThat(chart("isolated")).isNull();
  }

  @Test
  void onlyThisAndThePageWideChoicePickSeriesOnEveryChart() {
    open("#chart-of-" + PA1);
    WebElement section = browser.findElement(By.id("chart-of-" + PA1));
    WebElement only = section.findElements(By.cssSelector(".selector button.only")).get(2);
    WebElement pick = only.findElement(By.xpath("./parent::span"));
    String label = pick.getAttribute("data-dataset") + " / " + pick.getAttribute("data-filter");
    js("arguments[0].click()", only);
    assertThat(chart("shown")).isEqualTo(List.of(label));

    String dataset = pick.getAttribute("data-dataset");
    new Select(browser.findElement(By.id("choose-dataset"))).selectByValue(dataset);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> charts = (Map<String, Map<String, Object>>) js(
        "return window.squashReport.charts");
    int drawn = 0;
    for (Map<String, Object> c : charts.values()) {
      if (Boolean.TRUE.equals(c.get("drawn"))) {
        drawn++;
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) c.get("shown");
        assertThat(shown).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith(dataset + " / "));
      }
    }
    assertThat(drawn).isGreaterThan(1);
    browser.findElement(By.id("show-all")).click();
    @SuppressWarnings("unchecked")
    List<Object> shown = (List<Object>) chart("shown");
    assertThat(shown.size()).isGreaterThan(3);
  }

  @Test
  void eachRegressionRowHasASmallChartOfItsSeriesAroundTheChangeBesideIt() {
    open("");
    List<WebElement> rows = browser.findElements(By.cssSelector("#regressions-table tr[data-metric]"));
    assertThat(rows).hasSizeGreaterThan(1);
    // Drawn after the page's first paint.
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(
        By.cssSelector("#regressions-table svg.spark")).size() == rows.size());
    for (WebElement row : rows) {
      WebElement spark = row.findElement(By.cssSelector("td.spark svg.spark"));
      assertThat(spark.isDisplayed()).isTrue();
      // Inside its row, beside the metric's name, with the series, its two levels and the change.
      assertThat(spark.getRect().getY()).isGreaterThanOrEqualTo(row.getRect().getY());
      assertThat(spark.getRect().getY() + spark.getRect().getHeight())
          .isLessThanOrEqualTo(row.getRect().getY() + row.getRect().getHeight());
      assertThat(spark.getRect().getWidth()).isGreaterThanOrEqualTo(80);
      WebElement name = row.findElement(By.cssSelector("td:first-child"));
      assertThat(spark.getRect().getX()).isGreaterThan(name.getRect().getX());
      assertThat(Integer.parseInt(spark.getAttribute("data-points"))).isGreaterThan(10);
      assertThat(spark.findElements(By.cssSelector("polyline.line"))).isNotEmpty();
      assertThat(spark.findElements(By.cssSelector("line.before"))).isNotEmpty();
      assertThat(spark.findElements(By.cssSelector("line.after"))).isNotEmpty();
    }
    // A finding's small chart: its level after the change lies above its level before for a
    // rise, as the row's numbers say (y grows downwards).
    WebElement member = browser.findElement(By.cssSelector("#regressions-table tr.member"));
    Number before = Double.parseDouble(member.findElement(By.cssSelector("line.before")).getAttribute("y1"));
    Number after = Double.parseDouble(member.findElement(By.cssSelector("line.after")).getAttribute("y1"));
    assertThat(after.doubleValue()).isLessThan(before.doubleValue());
    assertThat(member.findElement(By.cssSelector("svg.spark title")).getAttribute("textContent"))
        .contains("\u2192").contains("%");
    // It leads where the row's link does.
    assertThat(member.findElement(By.cssSelector("td.spark a")).getAttribute("href"))
        .isEqualTo(member.findElement(By.cssSelector("a[data-chart]")).getAttribute("href"));
  }

  @Test
  void onAPhoneThePageNeverScrollsSidewaysAndItsTablesScrollInTheirOwnBox() throws Exception {
    open("");
    screenshot("report-desktop.png");
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390,
        "height", 844, "deviceScaleFactor", 2, "mobile", true));
    open("");
    Number width = (Number) js("return document.documentElement.clientWidth");
    Number scroll = (Number) js("return document.documentElement.scrollWidth");
    assertThat(width.intValue()).isEqualTo(390);
    assertThat(scroll.intValue()).isLessThanOrEqualTo(width.intValue());
    // Wide tables scroll inside their box, which shows a shadow at the edge with more.
    Boolean boxed = (Boolean) js("var t = document.getElementById('regressions-table');"
        + "var box = t.parentElement; return box.classList.contains('scroll')"
        + " && getComputedStyle(box).overflowX === 'auto' && box.clientWidth <= 390"
        + " && getComputedStyle(box).backgroundImage.indexOf('gradient') >= 0");
    assertThat(boxed).isTrue();
    // The small charts sit in the first screen's width of the table, beside the metric.
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(
        By.cssSelector("#regressions-table svg.spark")).isEmpty());
    for (WebElement spark : browser.findElements(By.cssSelector("#regressions-table svg.spark"))) {
      assertThat(spark.isDisplayed()).isTrue();
      assertThat(spark.getRect().getX() + spark.getRect().getWidth()).isLessThanOrEqualTo(390);
    }
    assertThat(browser.findElements(By.cssSelector("#regressions-table svg.spark"))).isNotEmpty();
    screenshot("report-phone.png");
  }

  /** Keeps a picture of what the test saw, for the README (copied to docs/ by hand). */
  private static void screenshot(String name) throws Exception {
    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(shots.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }
}
