package io.squashinflux.demo;

import io.squashinflux.source.PackageVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One generated job before it is given a document shape. */
record Draft(
    long id,
    Instant dateCreated,
    Instant runDate,
    String ciId,
    String datasetName,
    Catalog.Dataset dataset,
    String filter,
    List<Value> values,
    Map<String, String> blobIds,
    List<PackageVersion> packages,
    String ciRefs,
    int status) {

  Draft {
    values = List.copyOf(values);
    blobIds = Map.copyOf(blobIds);
    packages = List.copyOf(packages);
  }

  /** One measurement; {@code value} is null for a missing value, {@code identifier} is 32 hex digits. */
  record Value(Catalog.Metric metric, Double value, String identifier) {}

  /** The name of the blob a package's measurements refer to. */
  static String blobName(String packageName) {
    switch (packageName) {
      case "validate_drp":
        return "MatchedMultiVisitDataset";
      case "ap_verify":
        return "DiaObjectCatalogSummary";
      default:
        return "VisitAnalysisSummary";
    }
  }

  String ciUrl() {
    return "https://ci.lsst.codes/job/validate_drp/dataset=" + datasetName + ",label=centos-7/"
        + ciId + "/";
  }
}
