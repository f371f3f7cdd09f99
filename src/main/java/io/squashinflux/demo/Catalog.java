package io.squashinflux.demo;

import java.util.List;

/** The fixed tables the generator draws from: datasets, metrics and software packages. */
final class Catalog {
  private Catalog() {}

  /** A dataset of the validate_drp CI matrix, with the instrument and filters it was taken with. */
  record Dataset(String name, String instrument, List<String> filters, List<String> extraPackages) {
    String repoUrl() {
      return "https://github.com/lsst/" + name + ".git";
    }
  }

  /** A metric with a typical value and relative scatter; {@code unit} is an astropy unit. */
  record Metric(String name, String unit, double typical, double scatter, String description) {
    String packageName() {
      return name.substring(0, name.indexOf('.'));
    }
  }

  /** A software package of the stack, as it appears in {@code meta.packages}. */
  record Package(String name, String gitUrl, String eupsBase) {}

  static final List<Dataset> DATASETS =
      List.of(
          new Dataset("validation_data_hsc", "HSC", List.of("g", "r", "i", "z", "y"),
              List.of("pipe_analysis")),
          new Dataset("validation_data_cfht", "CFHT", List.of("g", "r", "i"), List.of()),
          new Dataset("validation_data_decam", "DECam", List.of("g", "r", "i", "z"),
              List.of("ap_verify")));

  static final List<Metric> METRICS =
      List.of(
          new Metric("validate_drp.PA1", "mmag", 12.0, 0.04, "Photometric repeatability (rms)."),
          new Metric("validate_drp.PA2_design_gri", "mmag", 30.0, 0.08, "Outlier limit of PA1."),
          new Metric("validate_drp.PF1_design_gri", "%", 12.0, 0.15, "Fraction of PA2 outliers."),
          new Metric("validate_drp.AM1", "marcsec", 8.0, 0.06, "Astrometric rms over 5 arcmin."),
          new Metric("validate_drp.AM2", "marcsec", 7.7, 0.06, "Astrometric rms over 20 arcmin."),
          new Metric("validate_drp.AM3", "marcsec", 11.0, 0.10, "Astrometric rms over 200 arcmin."),
          new Metric("validate_drp.AD1_design", "marcsec", 20.0, 0.08, "AM1 outlier limit."),
          new Metric("validate_drp.AF1_design", "%", 10.0, 0.12, "Fraction of AD1 outliers."),
          new Metric("validate_drp.AD2_design", "marcsec", 20.4, 0.08, "AM2 outlier limit."),
          new Metric("validate_drp.AF2_design", "%", 10.2, 0.12, "Fraction of AD2 outliers."),
          new Metric("validate_drp.TE1", "", 3.0e-5, 0.20, "PSF ellipticity residual, 1 arcmin."),
          new Metric("validate_drp.TE2", "", 2.4e-6, 0.20, "PSF ellipticity residual, 5 arcmin."),
          new Metric("validate_drp.PA1_minimum", "mmag", 16.5, 0.05, "PA1 at the minimum spec."),
          new Metric("validate_drp.AD1_stretch", "marcsec", 31.6, 0.07, "AM1 stretch limit."),
          new Metric("validate_drp.AF1_stretch", "%", 21.6, 0.10, "Fraction of AD1 stretch outliers."),
          new Metric("validate_drp.ProcessCcdTime", "s", 95.0, 0.15, "Wall time of processCcd."),
          new Metric("ap_verify.totalUnassociatedDiaObjects", "ct", 420.0, 0.10,
              "DIA objects with no association."),
          new Metric("ap_verify.fracUpdatedDiaObjects", "", 0.35, 0.08,
              "Fraction of DIA objects updated by a visit."),
          new Metric("ap_verify.numNewDiaObjects", "ct", 180.0, 0.12, "New DIA objects per visit."),
          new Metric("ap_verify.ImageDifferenceTime", "s", 42.0, 0.15, "Wall time of image differencing."),
          new Metric("ap_verify.fracDiaSourcesToSciSources", "", 0.08, 0.10,
              "DIA sources per science source."),
          new Metric("pipe_analysis.psfSizeRms", "arcsec", 0.012, 0.10, "Rms of PSF size residuals."),
          new Metric("pipe_analysis.starGalaxyPurity", "%", 97.0, 0.01, "Purity of the star sample."),
          new Metric("pipe_analysis.photometricOffsetPsfCModel", "mmag", 4.5, 0.12,
              "Median PSF minus CModel magnitude of stars."),
          new Metric("pipe_analysis.astromOffsetRa", "marcsec", 9.0, 0.15, "Median RA offset to Gaia."),
          new Metric("pipe_analysis.astromOffsetDec", "marcsec", 8.5, 0.15, "Median Dec offset to Gaia."));

  static final List<Package> PACKAGES =
      List.of(
          pkg("afw", "19.0.0"), pkg("daf_butler", "19.0.0"), pkg("pipe_tasks", "19.0.0"),
          pkg("meas_base", "19.0.0"), pkg("meas_algorithms", "19.0.0"), pkg("ip_diffim", "19.0.0"),
          pkg("jointcal", "19.0.0"), pkg("validate_drp", "19.0.0"), pkg("verify", "19.0.0"),
          pkg("obs_subaru", "19.0.0"), pkg("obs_cfht", "19.0.0"), pkg("obs_decam", "19.0.0"),
          pkg("ap_verify", "19.0.0"), pkg("pipe_analysis", "19.0.0"), pkg("astropy", "3.2.3"),
          pkg("eigen", "3.3.7.lsst2"));

  private static Package pkg(String name, String eupsBase) {
    return new Package(name, "https://github.com/lsst/" + name + ".git", eupsBase);
  }
}
