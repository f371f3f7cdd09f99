package io.squashinflux.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.squashinflux.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one job document, a {@code GET /job/<id>} answer or an lsst.verify job file, with Jackson's
 * streaming parser: only the measurements and meta are kept, and blobs, specs and metrics (most of
 * a job file) are skipped without building anything.
 */
public final class JobParser {

  private JobParser() {}

  /**
   * Parses one job; {@code ref}, {@code origin}, {@code id} and {@code url} say where it came from.
   *
   * @throws JobFormatException the document is not JSON or not a job
   * @throws IOException the stream could not be read
   */
  public static Job parse(InputStream in, String ref, Job.Origin origin, Long id, String url)
      throws IOException, JobFormatException {
    return parse(in, ref, origin, id, url, true);
  }

  /**
   * Parses one job; with {@code packages} false, {@code meta.packages} is skipped unread (the
   * largest part of most meta objects), for data models that do not write packages.
   */
  public static Job parse(InputStream in, String ref, Job.Origin origin, Long id, String url,
      boolean packages) throws IOException, JobFormatException {
    return jackson(in, ref, origin, id, url, packages, HeapBudget.maxMeasurements());
  }

  /** Parses one job with Jackson's streaming parser: every document, every error. */
  static Job jackson(InputStream in, String ref, Job.Origin origin, Long id, String url,
      boolean packages, int maxMeasurements) throws IOException, JobFormatException {
    try (JsonParser p = Json.FACTORY.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw JobFormatException.shape("not a job: the document is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        throw JobFormatException.shape("not a job: the document is not a JSON object");
      }
      Job job = readJob(p, ref, origin, id, url, packages, maxMeasurements);
      if (p.nextToken() != null) {
        throw JobFormatException.shape("not a job: more JSON after the job's closing brace");
      }
      return job;
    } catch (StreamReadException e) {
      throw syntaxError(e);
    } catch (StreamConstraintsException e) { // too long, too deep: the document's fault, for good
      throw new JobFormatException("invalid JSON: " + String.valueOf(e.getOriginalMessage())
          .split("\\R", 2)[0], false, e);
    }
  }

  private static Job readJob(JsonParser p, String ref, Job.Origin origin, Long id, String url,
      boolean packages, int maxMeasurements) throws IOException, JobFormatException {
    String dateCreated = null;
    String ciDataset = null;
    String documentId = null;
    List<Measurement> measurements = null;
    Meta meta = Meta.EMPTY;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "date_created" -> dateCreated = scalarText(p);
        case "ci_dataset" -> ciDataset = scalarText(p);
        case "measurements" -> measurements = readMeasurements(p, maxMeasurements);
        case "meta" -> meta = Meta.read(p, packages);
        // A GET /job answer's own id: the job's id when read from a file, checked against the url's.
        case "id" -> documentId = scalarText(p);
        default -> p.skipChildren();
      }
    }
    if (measurements == null) {
      throw JobFormatException.shape("not a job: no \"measurements\" array");
    }
    return meta.job(ref, origin, id, url, dateCreated, ciDataset, measurements, documentId);
  }

  private static List<Measurement> readMeasurements(JsonParser p, int max)
      throws IOException, JobFormatException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw JobFormatException.shape("not a job: \"measurements\" is not an array");
    }
    List<Measurement> measurements = new ArrayList<>();
    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw JobFormatException.shape("not a job: measurements[" + i + "] is not an object");
      }
      if (i == max) {
        throw JobFormatException.shape(HeapBudget.tooMany(max));
      }
      measurements.add(readMeasurement(p, i));
    }
    return measurements;
  }

  private static Measurement readMeasurement(JsonParser p, int index)
      throws IOException, JobFormatException {
    String metric = null;
    String unit = null;
    Double value = null;
    String literal = "null";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      switch (name) {
        case "metric" -> {
          if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            throw JobFormatException.shape("not a job: measurements[" + index + "] \"metric\" is "
                + (token == JsonToken.START_OBJECT ? "an object" : "a list") + ", not a name");
          }
          metric = scalarText(p);
        }
        case "unit" -> unit = scalarText(p);
        case "value" -> {
          boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
          value = number ? p.getDoubleValue() : null;
          literal = number ? p.getText() : jsonText(p);
        }
        default -> p.skipChildren();
      }
    }
    if (metric == null) {
      throw JobFormatException.shape("not a job: measurements[" + index + "] has no \"metric\"");
    }
    return new Measurement(metric, value, literal, unit); // an empty name is the mapping's to drop
  }


  /** The text of a string, number or boolean; null for {@code null}, objects and arrays. */
  static String scalarText(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /** The current value as JSON text ({@code "\"abc\""}, {@code {"a":1}}), for reports. */
  private static String jsonText(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return "null";
    }
    JsonNode node = Json.tree(p);
    return (node == null ? NullNode.getInstance() : node).toString();
  }

  /** One line: Jackson's own messages run over several lines and name the input source. */
  static JobFormatException syntaxError(StreamReadException e) {
    String what = e instanceof JsonEOFException ? "invalid JSON (cut short)" : "invalid JSON";
    String detail = String.valueOf(e.getOriginalMessage()).split("\\R", 2)[0];
    int cut = detail.indexOf(" (start marker");
    detail = cut > 0 ? detail.substring(0, cut) : detail;
    String where = e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return new JobFormatException(what + where + ": " + detail, true, e);
  }

  /** The {@code date_created} of a job document, read without building the job. */
  static String dateCreated(InputStream in) throws IOException, JobFormatException {
    try (JsonParser p = Json.FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw JobFormatException.shape("not a job: the document is not a JSON object");
      }
      String dateCreated = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("date_created")) {
          dateCreated = scalarText(p);
        } else {
          p.skipChildren();
        }
      }
      return dateCreated;
    } catch (StreamReadException e) {
      throw syntaxError(e);
    } catch (StreamConstraintsException e) { // too long, too deep: the document's fault, for good
      throw new JobFormatException("invalid JSON: " + String.valueOf(e.getOriginalMessage())
          .split("\\R", 2)[0], false, e);
    }
  }
}
