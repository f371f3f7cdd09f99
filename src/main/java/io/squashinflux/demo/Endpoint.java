package io.squashinflux.demo;

/** The endpoints of the {@link SquashApiServer}, as its request counts name them. */
public enum Endpoint {
  JOBS,
  JOB,
  JENKINS,
  CODE_CHANGES,
  SPECS,
  METRICS,
  /** Any path the API does not have. */
  OTHER;

  /** The endpoint a request path belongs to. */
  static Endpoint of(String path) {
    if (path.equals("/jobs")) {
      return JOBS;
    } else if (path.startsWith("/job/")) {
      return JOB;
    } else if (path.startsWith("/jenkins/")) {
      return JENKINS;
    } else if (path.startsWith("/code_changes/")) {
      return CODE_CHANGES;
    } else if (path.equals("/specs")) {
      return SPECS;
    } else if (path.equals("/metrics")) {
      return METRICS;
    }
    return OTHER;
  }
}
