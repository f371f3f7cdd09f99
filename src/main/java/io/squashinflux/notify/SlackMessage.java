package io.squashinflux.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.detect.Finding;
import io.squashinflux.report.ReportJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a Slack incoming webhook (Mattermost and Rocket.Chat take the same): {@code text},
 * the whole message in plain words, which every client shows and notifications use; and
 * {@code blocks}, the same in Slack's layout. Slack takes at most 50 blocks and 3000 characters
 * in a section, so lines are packed into sections and the rest left to {@code text}.
 */
final class SlackMessage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BLOCKS = 50;
  private static final int MAX_SECTION = 3000;

  private SlackMessage() {}

  static ObjectNode of(List<Finding> regressions, List<Finding> unknown, String source) {
    String title = "squash-influx: " + count(regressions.size(), "new regression")
        + (unknown.isEmpty() ? "" : ", " + count(unknown.size(), "change") + " of unknown direction")
        + " in " + source;
    StringBuilder text = new StringBuilder(title);
    List<String> lines = new ArrayList<>();
    for (Finding f : regressions) {
      text.append("\n- ").append(Wording.headline(f)).append(' ').append(Wording.details(f))
          .append(f.url() == null ? "" : " " + f.url());
      lines.add("*" + esc(f.metric()) + "* on " + esc(f.dataset()) + " / " + esc(f.filter()) + ": "
          + esc(Wording.change(f)) + " " + esc(Wording.details(f))
          + (f.url() == null ? "" : " <" + f.url() + "|" + (f.job() != null ? "job " + f.job()
              : f.run() != null ? "CI run " + esc(f.run()) : "link") + ">"));
    }
    for (Finding f : unknown) {
      text.append("\n- changed: ").append(Wording.headline(f)).append(", ")
          .append(ReportJson.isoDate(f.at()));
      lines.add("changed: " + esc(Wording.headline(f)) + ", "
          + esc(ReportJson.isoDate(f.at())));
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("text", text.toString());
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", shorten(title, 150));
    StringBuilder section = new StringBuilder();
    int shown = 0;
    for (String line : lines) {
      if (section.length() + line.length() + 1 > MAX_SECTION && section.length() > 0) {
        if (blocks.size() >= MAX_BLOCKS - 2) {
          break;
        }
        section(blocks, section.toString());
        section.setLength(0);
      }
      section.append(section.length() == 0 ? "" : "\n").append(shorten(line, MAX_SECTION));
      shown++;
    }
    if (section.length() > 0) {
      section(blocks, section.toString());
    }
    if (shown < lines.size()) {
      blocks.addObject().put("type", "context").putArray("elements").addObject()
          .put("type", "mrkdwn").put("text", (lines.size() - shown) + " more: see the report");
    }
    return root;
  }

  private static void section(ArrayNode blocks, String text) {
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
        .put("text", text);
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** Slack's three control characters in mrkdwn. */
  private static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
