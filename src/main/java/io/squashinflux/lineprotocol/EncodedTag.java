package io.squashinflux.lineprotocol;

/** A tag ready for the line: its key and value cleaned and escaped; {@code rawKey} names it in notes. */
record EncodedTag(String rawKey, String key, String value) {

  /** Bytes this tag adds to the series key: {@code ,key=value}. */
  int bytes() {
    return 2 + Names.utf8Length(key) + Names.utf8Length(value);
  }
}
