package io.squashinflux.sink;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.LineSink;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.sink.Sink;
import io.squashinflux.lineprotocol.Notes;
import java.util.List;

/**
 * Any line-protocol destination (InfluxDB 1.x {@code /write}, a Kafka topic, Sasquatch) as the
 * pipeline's {@link Sink}: the points are encoded by the shared {@link LineBatch} and written
 * through the destination's {@link LineSink}, which retries, splits and isolates.
 */
public final class LinesSink implements Sink {
  private final LineSink lines;
  private final String description;

  public LinesSink(LineSink lines, String description) {
    this.lines = lines;
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void open() throws DeliveryException, InterruptedException {
    lines.prepare();
  }

  @Override
  public Written write(List<Point> points, Notes notes)
      throws DeliveryException, InterruptedException {
    LineBatch batch = LineBatch.encode(points, notes);
    if (batch.lines().isEmpty()) {
      return new Written(0, 0, List.of(), 0);
    }
    return batch.answer(lines.write(batch.lines()));
  }

  @Override
  public void close() {
    lines.close();
  }
}
