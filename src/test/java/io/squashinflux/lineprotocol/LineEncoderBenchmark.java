package io.squashinflux.lineprotocol;

import io.squashinflux.lineprotocol.Notes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Points per second through {@link LineEncoder}, on points shaped like the notebook model's: one
 * measurement per package, four tags, 16 float fields with full metric names. Run by bench/jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineEncoderBenchmark {
  static final int POINTS = 256;

  private final LineEncoder encoder = new LineEncoder();
  private final StringBuilder out = new StringBuilder(4096);
  private Point[] points;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    String[] filters = {"g", "r", "i", "z", "y"};
    points = new Point[POINTS];
    for (int i = 0; i < POINTS; i++) {
      Map<String, String> tags = Map.of(
          "dataset", "validation_data_hsc",
          "dataset_repo_url", "https://github.com/lsst/validation_data_hsc.git",
          "filter_name", filters[i % filters.length],
          "instrument", "HSC");
      Map<String, FieldValue> fields = new LinkedHashMap<>();
      for (int f = 0; f < 16; f++) {
        fields.put("validate_drp.metric_" + f + "_design_gri",
            new FieldValue.FloatValue(random.nextDouble() * 100));
      }
      points[i] = new Point("job " + i, "validate_drp", tags, fields,
          1_672_531_200_000_000_000L + i * 1_000_000_000L);
    }
  }

  /** One operation is one point encoded into a reused buffer, as the sync does. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int encode() {
    int fields = 0;
    for (Point point : points) {
      out.setLength(0);
      fields += encoder.encode(point, out, Notes.NONE);
    }
    return fields;
  }
}
