package io.squashinflux.mapping;

/** A mapping file that cannot be used; the message names the file and line ({@code x.mapping:12: ...}). */
public final class MappingException extends RuntimeException {
  MappingException(String message) {
    super(message);
  }

  static MappingException at(String file, int line, String problem) {
    return new MappingException(file + ":" + line + ": " + problem);
  }
}
