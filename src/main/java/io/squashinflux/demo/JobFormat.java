package io.squashinflux.demo;

/** The two document shapes a generated job can take. */
public enum JobFormat {
  /** The {@code GET /job/<id>} response: {@code id}, {@code date_created}, packages as a list. */
  API,
  /** An lsst.verify job file: no id, packages as a dict, measurements with {@code blob_refs}. */
  VERIFY;

  /** The file name of job {@code id} in this shape. */
  public String fileName(long id) {
    return this == API ? id + ".json" : id + ".verify.json";
  }
}
