package io.squashinflux.retry;

/** Which request an answer belongs to; the same status means different things on each. */
public enum Side {
  /** {@code POST /write} to InfluxDB. */
  INFLUX_WRITE,
  /** {@code POST /query} and {@code /ping} to InfluxDB (creating the database). */
  INFLUX_QUERY,
  /** {@code GET /api/v2/buckets?name=} and {@code /api/v2/orgs?org=}: checking a v2 bucket. */
  INFLUX_BUCKET_READ,
  /** {@code POST /api/v2/buckets}: creating a v2 bucket ({@code --create-bucket}). */
  INFLUX_BUCKET_CREATE,
  /** {@code GET /jobs}: the list every sync starts from. */
  SQUASH_LIST,
  /** {@code GET /job/<id>} and the other per-job reads. */
  SQUASH_JOB,
  /** One record sent to a Kafka topic: the answer is the producer's error, if any. */
  KAFKA_PRODUCE,
  /** {@code POST /topics/<topic>} to Sasquatch's Kafka REST proxy: the request as a whole. */
  SASQUATCH_PRODUCE,
  /** One record in a produce answer's {@code offsets}: the status is its {@code error_code}. */
  SASQUATCH_RECORD,
  /** {@code GET /v3/clusters} and {@code POST /v3/clusters/<id>/topics} to the REST proxy. */
  SASQUATCH_ADMIN,
  /** {@code POST} of a message to a chat's incoming webhook ({@code report --notify}). */
  WEBHOOK
}
