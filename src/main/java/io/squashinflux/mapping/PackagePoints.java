package io.squashinflux.mapping;

import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.source.Job;
import io.squashinflux.source.PackageVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code packages} measurement: one point per job and package, tagged {@code package} plus the
 * job's own tags (so it joins the metric points of the same job), at the job's time.
 */
final class PackagePoints {
  static final String MEASUREMENT = "packages";

  private PackagePoints() {}

  static void add(Job job, Map<String, String> jobTags, long nanos, Notes notes, List<Point> out) {
    if (jobTags.containsKey("package") && !job.packages().isEmpty()) {
      notes.dropped(job.ref(), "package", "'package' is the package name in " + MEASUREMENT);
    }
    for (PackageVersion version : job.packages()) {
      Map<String, FieldValue> fields = new LinkedHashMap<>();
      put(fields, "git_sha", version.gitSha());
      put(fields, "git_branch", version.gitBranch());
      put(fields, "eups_version", version.eupsVersion());
      put(fields, "git_url", version.gitUrl());
      String problem = version.name().isEmpty() ? "empty package name"
          : fields.isEmpty() ? "no version fields" : null;
      if (problem != null) {
        notes.dropped(job.ref(), "packages." + version.name(), problem);
        continue;
      }
      Map<String, String> tags = new LinkedHashMap<>(jobTags);
      tags.put("package", version.name());
      out.add(new Point(job.ref(), MEASUREMENT, tags, fields, nanos));
    }
  }

  private static void put(Map<String, FieldValue> fields, String key, String value) {
    if (value != null && !value.isEmpty()) {
      fields.put(key, FieldValue.of(value));
    }
  }
}
