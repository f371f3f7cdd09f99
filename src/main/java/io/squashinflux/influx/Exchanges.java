package io.squashinflux.influx;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.retry.Side;

/**
 * Requests to InfluxDB, each answered through the one policy with its retries: what an API's
 * preparation (database, bucket, detection) sends. Fatal answers arrive as exceptions.
 */
interface Exchanges {
  Reply get(Side side, String path) throws DeliveryException, InterruptedException;

  Reply post(Side side, String path, String contentType, byte[] body)
      throws DeliveryException, InterruptedException;

  /** A configuration error about this server, one line, naming its URL. */
  DeliveryException refused(String what);
}
