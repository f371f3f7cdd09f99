package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Notes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job-level tags and fields of one job: every source key's rule applied, and each output name
 * given to one source key only, by the mapping's precedence (constant tags, then listed keys in
 * file order, then unlisted keys; job keys before meta before env for one key name).
 */
final class Claims {
  /** Output name to the source key that wrote it, so a later loser can name the winner. */
  final Map<String, String> owners = new HashMap<>();
  final Map<String, String> tags = new LinkedHashMap<>();
  final Map<String, FieldValue> fields = new LinkedHashMap<>();

  private final Mapping mapping;
  private final String job;
  private final Notes notes;
  private final List<Map<String, JsonNode>> origins;

  private record Candidate(int rank, String key, JsonNode value, Rule rule) {}

  /** {@code origins} in precedence order: the job keys, meta, and env (or its listed keys). */
  Claims(Mapping mapping, String job, Notes notes, List<Map<String, JsonNode>> origins) {
    this.mapping = mapping;
    this.job = job;
    this.notes = notes;
    this.origins = origins;
    mapping.constantTags().forEach((name, value) -> claim("[tags] " + name, name, value, null));
    for (Candidate candidate : candidates()) {
      apply(candidate);
    }
  }

  private List<Candidate> candidates() {
    List<Candidate> candidates = new ArrayList<>();
    for (Map<String, JsonNode> origin : origins) {
      origin.forEach((key, value) -> {
        Rule rule = mapping.ruleFor(key);
        if (rule.kind() != Rule.Kind.DROP) {
          candidates.add(new Candidate(mapping.rankOf(key), key, value, rule));
        }
      });
    }
    // A stable sort keeps origin and document order among keys of one rank.
    candidates.sort(Comparator.comparingInt(Candidate::rank));
    return candidates;
  }

  private void apply(Candidate candidate) {
    Rule rule = candidate.rule();
    String text = MetaValues.text(candidate.value());
    if (text == null && isEmptyText(candidate.value()) && rule.kind() == Rule.Kind.FIELD) {
      text = ""; // an empty string field is stored (a tag cannot be empty)
    }
    if (text == null) {
      notes.dropped(job, candidate.key(), MetaValues.whyNot(candidate.value()));
      return;
    }
    String changed = MetaValues.changed(candidate.value());
    if (changed != null) {
      notes.changed(job, candidate.key(), changed);
    }
    switch (rule.kind()) {
      case TAG -> claim(candidate.key(), rule.name(), text, null);
      case FIELD -> claim(candidate.key(), rule.name(), null, FieldValue.of(text));
      case NUMBER -> {
        Double number = MetaValues.number(candidate.value());
        if (number == null) {
          notes.dropped(job, candidate.key(), "not a number");
        } else {
          claim(candidate.key(), rule.name(), null, FieldValue.of(number));
        }
      }
      case LINK -> claim(candidate.key(), rule.name(), null, FieldValue.of(link(text, rule)));
      case TIME_FIELD, TIME_NUMBER -> {
        Long nanos = Times.nanos(text);
        if (nanos == null) {
          notes.dropped(job, candidate.key(), "'" + text + "' is not an ISO 8601 time");
        } else {
          claim(candidate.key(), rule.name(), null, rule.kind() == Rule.Kind.TIME_FIELD
              ? new FieldValue.IntValue(nanos)
              : FieldValue.of((double) nanos));
        }
      }
      case DROP -> { }
    }
  }

  /** A markdown link, as Chronograf tables render it; the url is its own text when there is none. */
  private String link(String url, Rule rule) {
    String text = null;
    for (Map<String, JsonNode> origin : origins) {
      JsonNode node = origin.get(rule.textKey());
      if (node != null && (text = MetaValues.text(node)) != null) {
        break;
      }
    }
    return "[" + (text == null ? url : text) + "](" + url + ")";
  }

  private static boolean isEmptyText(JsonNode node) {
    return node != null && node.isTextual() && node.textValue().isEmpty();
  }

  static final String SPACES_CHANGED = "spaces written as _ (spaces = underscore)";

  /** A tag key, tag value or field key as the mapping spells spaces: {@code _} or as they are. */
  static String spaces(Mapping mapping, String text) {
    return mapping.underscoreSpaces() && text.indexOf(' ') >= 0 ? text.replace(' ', '_') : text;
  }

  /** Gives {@code name} to {@code key} unless taken; exactly one of tag and field is non-null. */
  private void claim(String key, String rawName, String rawTag, FieldValue field) {
    String name = spaces(mapping, rawName);
    String tag = rawTag == null ? null : spaces(mapping, rawTag);
    if (!name.equals(rawName) || (tag != null && !tag.equals(rawTag))) {
      notes.changed(job, key, SPACES_CHANGED);
    }
    if (name.equals("time")) {
      notes.dropped(job, key, "'time' is reserved by InfluxDB");
      return;
    }
    String owner = owners.get(name);
    if (owner != null) {
      boolean same = tag != null ? tag.equals(tags.get(name)) : field.equals(fields.get(name));
      if (!same) {
        notes.dropped(job, key, "'" + name + "' already set from '" + owner + "'");
      }
      return;
    }
    owners.put(name, key);
    if (tag != null) {
      tags.put(name, tag);
    } else {
      fields.put(name, field);
    }
  }
}
