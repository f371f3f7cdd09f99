package io.squashinflux.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.sample.JobFormat;
import io.squashinflux.sample.JobGenerator;
import io.squashinflux.testing.SharedSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The fast reader against Jackson's, the reference: whenever the fast one answers, its job equals
 * Jackson's in every component and in document order; when Jackson refuses a document, the fast
 * one does not answer. And it does answer for the usual documents, or it would be useless.
 */
class FastJobReaderTest {
  private static final JobGenerator GENERATOR = JobGenerator.withSeed(11, 200);

  @Test
  void generatedJobsOfBothShapesAreReadFastAndAsJacksonReadsThem() throws Exception {
    for (long id = 1; id <= 200; id++) {
      for (JobFormat format : JobFormat.values()) {
        byte[] document = GENERATOR.bytes(id, format);
        Job fast = fast(document);
        assertThat(fast).as("job %d as %s is read fast", id, format).isNotNull();
        assertSameJob(fast, jackson(document));
      }
    }
  }

  @Test
  void everyFixtureIsReadAsJacksonReadsItOrLeftToJackson() throws Exception {
    List<String> readFast = new ArrayList<>();
    try (Stream<Path> files = Files.list(Fixtures.DIR)) {
      for (Path file : files.sorted().toList()) {
        if (agreesWithJackson(Files.readAllBytes(file))) {
          readFast.add(file.getFileName().toString());
        }
      }
    }
    // The usual shapes go the fast way; odd values (api-job: a string and an object as values, a
    // list in meta), NaN (verify-file), hostile, broken and non-job documents are Jackson's.
    assertThat(readFast).containsExactly("dataset-in-env-ci.json", "dataset-in-env-dataset.json",
        "dataset-in-meta.json", "dataset-null-top.json", "env-absent.json", "env-empty.json",
        "extra-keys.json", "jenkins-decam.json");
  }

  @Test
  void everySharedSampleIsReadAsJacksonReadsItOrLeftToJackson() throws Exception {
    List<String> readFast = new ArrayList<>();
    try (Stream<Path> files = Files.list(SharedSamples.dir())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        if (agreesWithJackson(Files.readAllBytes(file))) {
          readFast.add(file.getFileName().toString());
        }
      }
    }
    // The API's answer goes the fast way; the lsst.verify files have NaN values or escapes to
    // decode (and at 1.6-3.3 MB, a sync streams them through Jackson anyway).
    assertThat(readFast).contains("get_job_response_example.json");
  }

  @Test
  void aNameLongerThanJacksonAllowsIsReportedAsInvalidNotRead() throws Exception {
    String name = "k".repeat(60_000);
    byte[] document = ("{\"measurements\": [], \"extra\": {\"" + name + "\": 1}}")
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(fast(document)).isNull();
    assertThat(agreesWithJackson(document)).isFalse();
    try {
      JobParser.parse(new ByteArrayInputStream(document), "job 1", Job.Origin.API, 1L, "u", false);
      throw new AssertionError("a 60,000-character name was read");
    } catch (JobFormatException e) { // reported with the job, not retried as a broken transfer
      assertThat(e.syntax()).isFalse();
      assertThat(e.getMessage()).startsWith("invalid JSON: ").doesNotContain("\n");
    }
  }

  @Property(tries = 400)
  void aDamagedDocumentIsReadAsJacksonReadsItOrLeftToJackson(
      @ForAll("damagedDocuments") byte[] document) throws Exception {
    agreesWithJackson(document);
  }

  @Property(tries = 400)
  void valuesOfEveryKindAreReadAsJacksonReadsThemOrLeftToJackson(
      @ForAll("oddValues") String value, @ForAll("oddValues") String other) throws Exception {
    String document = """
        {"id": 1, "date_created": %1$s, "ci_dataset": %2$s,
         "measurements": [{"metric": "a.B", "value": %1$s, "unit": %2$s, "x": [%1$s, {"k": %2$s}]},
                          {"metric": %2$s, "value": %2$s}],
         "meta": {"filter": %1$s, "env": {"ci_id": %2$s, "n": %1$s}, "packages": [%1$s],
                  "deep": %2$s},
         "extra": {"a": [%1$s, %2$s]}}
        """.formatted(value, other);
    agreesWithJackson(document.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> oddValues() {
    Arbitrary<String> numbers = Arbitraries.of("0", "-0", "12", "-7", "1.5", "-0.0", "1e5",
        "1E-5", "2.5e+3", "12345678901234567", "123456789012345678901234", "2147483648",
        "-2147483649", "9223372036854775808", "0.1000000000000000055511151231257827", "1e400",
        "NaN", "Infinity", "-Infinity", "+1", "01", "1.", ".5", "1e", "-", "0x10");
    Arbitrary<String> words = Arbitraries.of("true", "false", "null", "nul", "truex", "[]", "{}",
        "[1, 2]", "{\"a\": 1}", "{\"a\" 1}", "[1 2]", "[1,]", "\"\"");
    Arbitrary<String> strings = Arbitraries.strings()
        .withChars("aZ09 _.-\"\\/\t\n\u00e9\u2603\ud83d\ude00\u0001")
        .ofMaxLength(6)
        .map(FastJobReaderTest::quoted);
    Arbitrary<String> escapes = Arbitraries.of("\"a\\nb\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"",
        "\"\\q\"", "\"\\u12\"", "\"tab\there\"", "\"caf\u00e9\"");
    return Arbitraries.oneOf(numbers, words, strings, escapes);
  }

  /** A string as JSON, escaped as JSON requires (so the strings themselves are valid). */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  @Provide
  Arbitrary<byte[]> damagedDocuments() {
    Arbitrary<byte[]> documents = Arbitraries.longs().between(1, 200)
        .flatMap(id -> Arbitraries.of(JobFormat.values()).map(f -> GENERATOR.bytes(id, f)));
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, 1 << 20);
    Arbitrary<Integer> length = Arbitraries.integers().between(1, 40);
    Arbitrary<Byte> replacement = Arbitraries.of((byte) '"', (byte) ',', (byte) ':', (byte) '{',
        (byte) '}', (byte) '[', (byte) ']', (byte) '\\', (byte) '0', (byte) '-', (byte) 'e',
        (byte) '.', (byte) ' ', (byte) 'n', (byte) 0xC3, (byte) 0x01);
    return Combinators.combine(documents, kind, at, length, replacement)
        .as(FastJobReaderTest::damaged);
  }

  /** The document with a range cut out, one byte replaced, bytes doubled or the end cut off. */
  private static byte[] damaged(byte[] document, int kind, int at, int length, byte replacement) {
    int from = at % document.length;
    int to = Math.min(document.length, from + length);
    byte[] out;
    switch (kind) {
      case 0 -> {
        out = new byte[document.length - (to - from)];
        System.arraycopy(document, 0, out, 0, from);
        System.arraycopy(document, to, out, from, document.length - to);
      }
      case 1 -> {
        out = document.clone();
        out[from] = replacement;
      }
      case 2 -> {
        out = new byte[document.length + (to - from)];
        System.arraycopy(document, 0, out, 0, to);
        System.arraycopy(document, from, out, to, document.length - from);
      }
      default -> out = java.util.Arrays.copyOf(document, from);
    }
    return out;
  }

  // The comparison

  /** Fails when the fast reader answers differently from Jackson; true when it answered. */
  private static boolean agreesWithJackson(byte[] document) throws IOException {
    Job fast = fast(document);
    Job reference;
    try {
      reference = jackson(document);
    } catch (JobFormatException e) {
      assertThat(fast).as("Jackson refuses it (%s): the fast reader must leave it",
          e.getMessage()).isNull();
      return false;
    }
    if (fast != null) {
      assertSameJob(fast, reference);
    }
    return fast != null;
  }

  private static Job fast(byte[] document) {
    return FastJobReader.read(document, document.length, "job 1", Job.Origin.API, 1L, "u/job/1");
  }

  private static Job jackson(byte[] document) throws IOException, JobFormatException {
    return JobParser.jackson(new ByteArrayInputStream(document), "job 1", Job.Origin.API, 1L,
        "u/job/1", false);
  }

  /** Equal jobs, maps in the same order too (tags and reports follow the document's order). */
  private static void assertSameJob(Job fast, Job reference) {
    assertThat(fast).isEqualTo(reference);
    assertThat(new ArrayList<>(fast.meta().entrySet()))
        .isEqualTo(new ArrayList<>(reference.meta().entrySet()));
    assertThat(new ArrayList<>(fast.env().entrySet()))
        .isEqualTo(new ArrayList<>(reference.env().entrySet()));
    for (int i = 0; i < fast.measurements().size(); i++) {
      // Double.equals tells -0.0 from 0.0; the literal is what reports show.
      assertThat(fast.measurements().get(i)).isEqualTo(reference.measurements().get(i));
    }
  }
}
