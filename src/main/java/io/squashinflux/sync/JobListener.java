package io.squashinflux.sync;

/**
 * Hears when a job is finished, so progress can be kept: {@code synced} only once InfluxDB has
 * acknowledged every point of the job (written, or refused and reported), so a crash can only make
 * a job be written again, which is harmless as every point has an explicit time.
 */
public interface JobListener {

  /** Every point of the job was acknowledged, or the job was deliberately skipped. */
  void synced(String key);

  /** The job could not be read or converted; a later run tries it again. */
  void failed(String key);

  JobListener NONE =
      new JobListener() {
        @Override
        public void synced(String key) {}

        @Override
        public void failed(String key) {}
      };
}
