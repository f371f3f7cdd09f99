package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.source.Job;
import io.squashinflux.source.Measurement;
import io.squashinflux.source.PackageVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link Job} records the way the sources would, and records notes, for mapping tests. */
final class TestJobs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestJobs() {}

  /** A job as {@code GET /job/<id>} gives it. */
  static Builder api(long id) {
    Builder b = new Builder("job " + id, Job.Origin.API);
    b.id = id;
    b.url = "https://squash-restful-api.lsst.codes/job/" + id;
    return b;
  }

  /** A job read from an lsst.verify file. */
  static Builder file(String path) {
    return new Builder(path, Job.Origin.FILE);
  }

  static final class Builder {
    private final String ref;
    private final Job.Origin origin;
    private Long id;
    private String url;
    private String dateCreated;
    private String runDate;
    private String dataset;
    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, JsonNode> meta = new LinkedHashMap<>();
    private final Map<String, JsonNode> env = new LinkedHashMap<>();
    private final List<PackageVersion> packages = new ArrayList<>();

    private Builder(String ref, Job.Origin origin) {
      this.ref = ref;
      this.origin = origin;
    }

    Builder dateCreated(String text) {
      dateCreated = text;
      return this;
    }

    Builder runDate(String text) {
      runDate = text;
      env.put("date", JSON.valueToTree(text));
      return this;
    }

    Builder dataset(String name) {
      dataset = name;
      return this;
    }

    /** A meta entry; {@code value} is a Java value or a JSON text when it starts with { or [. */
    Builder meta(String key, Object value) {
      meta.put(key, node(value));
      return this;
    }

    Builder env(String key, Object value) {
      env.put(key, node(value));
      return this;
    }

    /** A metric as the document wrote it: {@code "7.76"}, {@code "null"}, {@code "NaN"}. */
    Builder metric(String name, String literal) {
      measurements.add(new Measurement(name, valueOf(literal), literal, null));
      return this;
    }

    Builder pkg(String name, String sha, String url, String branch, String eups) {
      packages.add(new PackageVersion(name, sha, url, branch, eups));
      return this;
    }

    Job build() {
      return new Job(ref, origin, id, url, dateCreated, runDate, dataset, measurements, meta, env,
          packages);
    }
  }

  private static JsonNode node(Object value) {
    try {
      if (value instanceof String s && (s.startsWith("{") || s.startsWith("["))) {
        return JSON.readTree(s);
      }
      return JSON.valueToTree(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Double valueOf(String literal) {
    return switch (literal) {
      case "null" -> null;
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> literal.startsWith("\"") ? null : Double.parseDouble(literal);
    };
  }

  /** One note, as a summary would count it. */
  record Note(String kind, String job, String key, String reason) {}

  /** Notes kept in order, for assertions. */
  static final class RecordingNotes implements Notes {
    final List<Note> notes = new ArrayList<>();

    @Override
    public synchronized void dropped(String job, String key, String reason) {
      notes.add(new Note("dropped", job, key, reason));
    }

    @Override
    public synchronized void changed(String job, String key, String reason) {
      notes.add(new Note("changed", job, key, reason));
    }
  }
}
