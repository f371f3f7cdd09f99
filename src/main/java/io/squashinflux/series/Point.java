package io.squashinflux.series;

/**
 * One value of a series as InfluxDB holds it.
 *
 * @param time nanoseconds since the epoch
 * @param job the SQuaSH job id, or null when the model does not keep it
 * @param run the CI run's id, or null
 * @param url the CI run's or else the job's URL, or null
 */
public record Point(long time, double value, Long job, String run, String url) {}
