package io.squashinflux.report;

import io.squashinflux.detect.Finding;
import io.squashinflux.detect.PackageChange;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.Series;
import io.squashinflux.series.MetricField;
import io.squashinflux.series.ReadModel;
import static io.squashinflux.influx.InfluxQuery.identifier;
import static io.squashinflux.influx.InfluxQuery.literal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages whose git sha changed between a finding's last good and first bad job: from the
 * {@code packages} measurement ({@code sync --packages}), or else from the {@code code_changes}
 * of the CI runs in between (the squash model).
 */
final class PackageChanges {
  /** One markdown link of a code_changes text, as the squash model writes it. */
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]*)\\)");
  private static final Pattern COMMIT = Pattern.compile("/commit/([0-9A-Za-z]+)$");

  private final InfluxQuery query;
  private final ReadModel model;
  private final boolean hasPackages;

  PackageChanges(InfluxQuery query, ReadModel model) {
    this.query = query;
    this.model = model;
    this.hasPackages = query.firstColumn("SHOW MEASUREMENTS").contains(ReadModel.PACKAGES);
  }

  /** False when the database keeps no package versions at all: the page says how to get them. */
  boolean recorded() {
    return hasPackages || model.codeChangesField() != null;
  }

  List<PackageChange> of(MetricField field, Finding finding) {
    if (hasPackages) {
      return fromPackages(finding);
    }
    return model.codeChangesField() == null ? List.of() : fromCodeChanges(field, finding);
  }

  private List<PackageChange> fromPackages(Finding f) {
    String q = "SELECT \"git_sha\", \"git_url\" FROM " + identifier(ReadModel.PACKAGES) + " WHERE "
        + where(f) + " AND time >= " + f.lastGood() + " AND time <= " + f.at()
        + " GROUP BY \"package\"";
    TreeMap<String, PackageChange> changed = new TreeMap<>();
    for (Series s : query.series(q)) {
      Object first = null;
      Object last = null;
      Object url = null;
      for (List<Object> row : s.rows()) {
        long time = ((Number) row.get(0)).longValue();
        first = time == f.lastGood() ? row.get(1) : first;
        last = time == f.at() ? row.get(1) : last;
        url = row.size() > 2 && row.get(2) != null ? row.get(2) : url;
      }
      if (first != null && last != null && !first.equals(last)) {
        String name = s.tag("package");
        changed.put(name, new PackageChange(name, last.toString(),
            compare(url == null ? null : url.toString(), first.toString(), last.toString())));
      }
    }
    return new ArrayList<>(changed.values());
  }

  /** GitHub's compare page of two shas, when the package's git URL is a web URL. */
  static String compare(String gitUrl, String from, String to) {
    if (gitUrl == null || !(gitUrl.startsWith("https://") || gitUrl.startsWith("http://"))) {
      return null;
    }
    String base = gitUrl.endsWith(".git") ? gitUrl.substring(0, gitUrl.length() - 4) : gitUrl;
    return base.replaceAll("/+$", "") + "/compare/" + from + "..." + to;
  }

  private List<PackageChange> fromCodeChanges(MetricField field, Finding f) {
    String q = "SELECT " + identifier(model.codeChangesField()) + " FROM "
        + identifier(field.measurement()) + " WHERE " + identifier(model.datasetTag()) + " = "
        + literal(f.dataset() == null ? "" : f.dataset()) + " AND time > " + f.lastGood()
        + " AND time <= " + f.at();
    TreeMap<String, PackageChange> changed = new TreeMap<>();
    for (Series s : query.series(q)) {
      for (List<Object> row : s.rows()) {
        if (row.get(1) instanceof String text) {
          parse(text).forEach(p -> changed.put(p.name(), p));
        }
      }
    }
    return new ArrayList<>(changed.values());
  }

  /**
   * The packages of a code_changes text as the squash model writes it: markdown links
   * {@code [name](<git url>/commit/<sha>)} joined by {@code ", "}; a bare name (no link) is kept
   * with no sha or URL.
   */
  static List<PackageChange> parse(String text) {
    List<PackageChange> out = new ArrayList<>();
    Matcher m = LINK.matcher(text);
    int end = 0;
    while (m.find()) {
      bare(text.substring(end, m.start()), out);
      String url = m.group(2);
      Matcher sha = COMMIT.matcher(url);
      out.add(new PackageChange(m.group(1).strip(), sha.find() ? sha.group(1) : null,
          url.startsWith("https://") || url.startsWith("http://") ? url : null));
      end = m.end();
    }
    bare(text.substring(end), out);
    return out;
  }

  private static void bare(String between, List<PackageChange> out) {
    for (String name : between.split(",")) {
      if (name.strip().matches("[A-Za-z0-9_.-]+")) {
        out.add(new PackageChange(name.strip(), null, null));
      }
    }
  }

  private String where(Finding f) {
    String w = identifier(model.datasetTag()) + " = " + literal(f.dataset() == null ? "" : f.dataset());
    return f.filter() == null ? w
        : w + " AND " + identifier(model.filterTag()) + " = " + literal(f.filter());
  }
}
