package io.squashinflux.specs;

/** Specs that could not be read: a missing file, a document that is not JSON, a failed GET. */
public final class SpecsException extends RuntimeException {
  SpecsException(String message) {
    super(message);
  }
}
