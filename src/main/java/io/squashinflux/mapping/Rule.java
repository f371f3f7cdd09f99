package io.squashinflux.mapping;

import java.util.Objects;

/**
 * What one source key becomes in a point.
 *
 * @param kind the kind of output
 * @param name the output tag or field key; null for {@link Kind#DROP} and for a default rule,
 *     which each key applies under its own name
 * @param textKey for {@link Kind#LINK}, the source key whose value is the link's text
 */
record Rule(Kind kind, String name, String textKey) {

  /** The kinds of output, with the word a mapping file uses for each. */
  enum Kind {
    TAG("tag"),
    FIELD("field"),
    NUMBER("number"),
    LINK("link"),
    TIME_FIELD("time-field"),
    TIME_NUMBER("time-number"),
    DROP("drop");

    final String word;

    Kind(String word) {
      this.word = word;
    }
  }

  Rule {
    Objects.requireNonNull(kind, "kind == null");
    if (kind == Kind.LINK && (name == null || textKey == null)) {
      throw new IllegalArgumentException("a link needs a name and a text key");
    }
  }

  static final Rule DROP = new Rule(Kind.DROP, null, null);

  /** The same rule applied to a key it names after the key itself (an unnamed {@code tag}). */
  Rule named(String key) {
    return name != null || kind == Kind.DROP ? this : new Rule(kind, key, textKey);
  }

  /** True for a tag; everything else but a drop is a field. */
  boolean isTag() {
    return kind == Kind.TAG;
  }
}
