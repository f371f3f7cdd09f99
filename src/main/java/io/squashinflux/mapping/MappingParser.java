package io.squashinflux.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a mapping file line by line, naming the line of the first problem. */
final class MappingParser {
  private final String file;
  private int line;
  private String section;
  private final Map<String, Integer> seen = new HashMap<>();

  private String name;
  private boolean shortFieldKeys;
  private boolean flattenEnv;
  private Rule defaultRule = new Rule(Rule.Kind.TAG, null, null);
  private TimeSource time = TimeSource.DATE_CREATED;
  private boolean jobsApart = true;
  private List<String> include = List.of();
  private List<String> exclude = List.of();
  private final Map<String, String> constantTags = new LinkedHashMap<>();
  private boolean codeChanges;
  private boolean packages;
  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final Map<String, String> ruleLines = new LinkedHashMap<>();
  private boolean underscoreSpaces;
  private boolean prepareSquash;

  MappingParser(String file) {
    this.file = file;
    int dot = file.lastIndexOf('.');
    this.name = dot > 0 ? file.substring(0, dot) : file;
  }

  Mapping parse(String text) {
    for (String raw : text.split("\r?\n", -1)) {
      line++;
      String content = stripComment(raw).strip();
      if (!content.isEmpty()) {
        parseLine(content);
      }
    }
    return new Mapping(file, name, shortFieldKeys, flattenEnv, defaultRule, time, jobsApart,
        new DatasetFilter(include, exclude), constantTags, codeChanges, packages, rules,
        new Mapping.Style(underscoreSpaces, prepareSquash, ruleLines));
  }

  /** A {@code #} at the start or after a blank starts a comment, so values may still hold {@code a#b}. */
  private static String stripComment(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && (i == 0 || Character.isWhitespace(raw.charAt(i - 1)))) {
        return raw.substring(0, i);
      }
    }
    return raw;
  }

  private void parseLine(String content) {
    if (content.startsWith("[") && content.endsWith("]")) {
      section = content.substring(1, content.length() - 1).strip();
      if (!List.of("model", "keys", "tags").contains(section)) {
        throw fail("unknown section '" + content + "' (expected [model], [keys] or [tags])");
      }
      return;
    }
    int eq = content.indexOf('=');
    if (eq <= 0) {
      throw fail("expected 'key = value', got '" + content + "'");
    }
    String key = content.substring(0, eq).strip();
    String value = content.substring(eq + 1).strip();
    if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
      throw fail("bad key '" + key + "': keys are one word");
    }
    if (section == null) {
      throw fail("'" + key + "' comes before any section: start with [model], [keys] or [tags]");
    }
    Integer before = seen.put(section + "\0" + key, line);
    if (before != null) {
      throw fail("'" + key + "' is already set on line " + before);
    }
    switch (section) {
      case "model" -> setting(key, value);
      case "keys" -> {
        rules.put(key, rule(key, value));
        ruleLines.put(key, file + ":" + line + ": " + key + " = " + value);
      }
      default -> constantTags.put(outputName(key), requireValue(key, value));
    }
  }

  private void setting(String key, String value) {
    switch (key) {
      case "extends" -> extend(value);
      case "name" -> name = requireValue(key, value);
      case "field-keys" -> shortFieldKeys = choice(key, value, "full", "short");
      case "flatten-env" -> flattenEnv = yesNo(key, value);
      case "default" -> defaultRule = defaultRule(value);
      case "time" -> time = timeSource(value);
      case "time-offset" -> jobsApart = choice(key, value, "none", "job");
      case "include" -> include = list(value);
      case "exclude" -> exclude = list(value);
      case "code-changes" -> codeChanges = yesNo(key, value);
      case "packages" -> packages = yesNo(key, value);
      case "spaces" -> underscoreSpaces = choice(key, value, "escape", "underscore");
      case "prepare" -> prepareSquash = choice(key, value, "none", "squash");
      default -> throw fail("unknown key '" + key + "'");
    }
  }

  /** Starts from a built-in model; only allowed first, so the file reads as a list of changes. */
  private void extend(String base) {
    if (seen.size() > 1 || !rules.isEmpty() || !constantTags.isEmpty()) {
      throw fail("'extends' must be the first setting");
    }
    Mapping from;
    try {
      from = Mapping.builtIn(base);
    } catch (MappingException e) {
      throw fail(e.getMessage());
    }
    shortFieldKeys = from.shortFieldKeys();
    flattenEnv = from.flattenEnv();
    defaultRule = from.defaultRule();
    time = from.timeSource();
    jobsApart = from.jobsApart();
    include = from.include();
    exclude = from.exclude();
    constantTags.putAll(from.constantTags());
    codeChanges = from.codeChanges();
    packages = from.packages();
    rules.putAll(from.rules());
    ruleLines.putAll(from.style().ruleLines());
    underscoreSpaces = from.style().underscoreSpaces();
    prepareSquash = from.style().prepareSquash();
  }

  private Rule rule(String key, String value) {
    String[] words = value.isEmpty() ? new String[0] : value.split("\\s+");
    if (words.length == 0) {
      throw fail("no rule for '" + key + "'" + expectedRules());
    }
    String word = words[0];
    int args = words.length - 1;
    return switch (word) {
      case "tag", "field", "number", "time-field", "time-number" -> {
        requireArgs(word, args, 0, 1, "[NAME]");
        yield new Rule(kind(word), args == 1 ? outputName(words[1]) : outputName(key), null);
      }
      case "rename" -> {
        requireArgs(word, args, 1, 1, "NAME");
        yield new Rule(Rule.Kind.TAG, outputName(words[1]), null);
      }
      case "link" -> {
        requireArgs(word, args, 2, 2, "NAME TEXTKEY");
        yield new Rule(Rule.Kind.LINK, outputName(words[1]), words[2]);
      }
      case "drop" -> {
        requireArgs(word, args, 0, 0, "");
        yield Rule.DROP;
      }
      default -> throw fail("unknown rule '" + word + "' for '" + key + "'" + expectedRules());
    };
  }

  private static Rule.Kind kind(String word) {
    for (Rule.Kind kind : Rule.Kind.values()) {
      if (kind.word.equals(word)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(word);
  }

  private String expectedRules() {
    return " (expected tag [NAME], rename NAME, field [NAME], number [NAME], link NAME TEXTKEY,"
        + " time-field [NAME], time-number [NAME] or drop)";
  }

  private void requireArgs(String word, int args, int min, int max, String usage) {
    if (args < min || args > max) {
      throw fail("'" + word + "' takes " + (usage.isEmpty() ? "nothing" : usage));
    }
  }

  private Rule defaultRule(String value) {
    return switch (value) {
      case "tag", "field", "number", "drop" ->
          value.equals("drop") ? Rule.DROP : new Rule(kind(value), null, null);
      default -> throw fail("bad value '" + value + "' for 'default' (expected tag, field,"
          + " number or drop)");
    };
  }

  private TimeSource timeSource(String value) {
    TimeSource source = TimeSource.ofWord(value);
    if (source == null) {
      throw fail("bad value '" + value + "' for 'time' (expected date_created, run or ci-run)");
    }
    return source;
  }

  /** InfluxDB 1.x refuses a tag or field called {@code time}, so no rule may write one. */
  private String outputName(String output) {
    if (output.equals("time")) {
      throw fail("'time' cannot be a tag or field name: InfluxDB reserves it");
    }
    return output;
  }

  private String requireValue(String key, String value) {
    if (value.isEmpty()) {
      throw fail("no value for '" + key + "'");
    }
    return value;
  }

  private boolean choice(String key, String value, String no, String yes) {
    if (!value.equals(no) && !value.equals(yes)) {
      throw fail("bad value '" + value + "' for '" + key + "' (expected " + no + " or " + yes + ")");
    }
    return value.equals(yes);
  }

  private boolean yesNo(String key, String value) {
    return switch (value) {
      case "yes", "on", "true" -> true;
      case "no", "off", "false" -> false;
      default -> throw fail("bad value '" + value + "' for '" + key + "' (expected on or off)");
    };
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  private MappingException fail(String problem) {
    return MappingException.at(file, line, problem);
  }
}
