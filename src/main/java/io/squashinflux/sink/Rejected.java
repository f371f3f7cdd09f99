package io.squashinflux.sink;

/** A line InfluxDB refused, with the server's reason; it is reported, never retried forever. */
public record Rejected(Line line, String reason) {}
