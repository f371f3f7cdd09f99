package io.squashinflux.report;

import com.fasterxml.jackson.databind.JsonNode;

/** A point's URL read from a page's chart data as report.js puts it back together. */
public final class PageLinks {
  private PageLinks() {}

  /** The URL of point {@code i} of a series of the page's data; null when it has none. */
  public static String url(JsonNode series, int i) {
    JsonNode index = series.get("link").get(i);
    if (index.isNull()) {
      return null;
    }
    JsonNode form = series.get("links").get(index.asInt());
    if (form.size() == 1) {
      return form.get(0).asText();
    }
    String id = series.get(form.get(1).asText().equals("r") ? "runs" : "jobs").get(i).asText();
    return form.get(0).asText() + id + form.get(2).asText();
  }
}
