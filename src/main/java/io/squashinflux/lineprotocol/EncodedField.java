package io.squashinflux.lineprotocol;

/** A field ready for the line: its key cleaned and escaped, its value storable. */
record EncodedField(String rawKey, String key, FieldValue value) {}
