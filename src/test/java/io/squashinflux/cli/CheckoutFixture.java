package io.squashinflux.cli;

/** The project's own miniature verify_metrics checkout (src/test/resources/verify_metrics). */
final class CheckoutFixture {
  static final String DIR = "src/test/resources/verify_metrics";

  private CheckoutFixture() {}
}
