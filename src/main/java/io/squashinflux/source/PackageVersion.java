package io.squashinflux.source;

import java.util.Objects;

/** A software package a job ran with ({@code meta.packages}); any part but the name may be null. */
public record PackageVersion(
    String name, String gitSha, String gitUrl, String gitBranch, String eupsVersion) {
  public PackageVersion {
    Objects.requireNonNull(name, "name == null");
  }
}
