package io.squashinflux.sink;

import io.squashinflux.delivery.DeliveryException;
import io.squashinflux.delivery.InfluxTarget;
import io.squashinflux.delivery.InfluxWriter;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.pipeline.Sink;
import io.squashinflux.report.Notes;
import io.squashinflux.report.Urls;
import io.squashinflux.retry.Retrier;
import java.util.List;

/** InfluxDB 1.x {@code /write}, through {@link InfluxWriter} (retries, splits, isolation). */
public final class InfluxV1Sink implements Sink {
  private final InfluxTarget target;
  private final InfluxWriter writer;

  public InfluxV1Sink(InfluxTarget target, Retrier retrier) {
    this.target = target;
    this.writer = new InfluxWriter(target, retrier);
  }

  @Override
  public String describe() {
    return Urls.masked(target.url().toString()) + " " + target.database();
  }

  @Override
  public void open() throws DeliveryException, InterruptedException {
    writer.prepare();
  }

  @Override
  public Written write(List<Point> points, Notes notes)
      throws DeliveryException, InterruptedException {
    LineBatch batch = LineBatch.encode(points, notes);
    if (batch.lines().isEmpty()) {
      return new Written(0, 0, List.of(), 0);
    }
    return batch.answer(writer.write(batch.lines()));
  }

  @Override
  public void close() {
    writer.close();
  }
}
