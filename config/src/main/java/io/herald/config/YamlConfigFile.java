package io.herald.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the YAML file into settings (key, raw value, line) and rejects everything the schema does
 * not know. It works on the YAML node tree rather than on loaded Java maps because only nodes carry
 * line numbers, and because a scalar's original text ({@code 256MiB}, {@code 0777}) should be
 * parsed by the key's own type, exactly like an environment variable, not first guessed at by
 * YAML's resolver.
 */
final class YamlConfigFile {

  /** A raw value as the file gives it, before the key's type parses it. */
  sealed interface Raw {
    /** A scalar; an empty or null YAML value is empty text. */
    record Text(String text) implements Raw {}

    /** A sequence of scalars. */
    record Items(List<String> items) implements Raw {}

    /** A sequence of mappings from field names to scalars (a list of small records). */
    record Mappings(List<Map<String, String>> items) implements Raw {}

    /** Something no key accepts (a mapping, a list of lists), described for the message. */
    record Unusable(String got) implements Raw {}
  }

  /** One key set in the file, with where it was set ("herald.yml line 3"). */
  record Setting(ConfigKey<?> key, Raw raw, String source) {}

  private final String label;
  private final List<Setting> settings = new ArrayList<>();

  private YamlConfigFile(String label) {
    this.label = label;
  }

  static List<Setting> read(Path file) throws ConfigException {
    YamlConfigFile reader = new YamlConfigFile(file.toString());
    reader.readRoot(compose(file));
    return List.copyOf(reader.settings);
  }

  private static Optional<Node> compose(Path file) throws ConfigException {
    String label = file.toString();
    if (Files.isDirectory(file)) {
      throw new ConfigException("configuration file " + label + " is a directory");
    }
    LoadSettings settings = LoadSettings.builder().setLabel(label).build();
    try (InputStream in = Files.newInputStream(file)) {
      return new Compose(settings).composeInputStream(in);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + label + " not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException("cannot read configuration file " + label + ": permission denied");
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + label + ": " + e.getMessage());
    } catch (MarkedYamlEngineException e) {
      String where = e.getProblemMark().map(m -> label + " " + position(m)).orElse(label);
      String context = e.getContext() == null ? "" : oneLine(e.getContext()) + ": ";
      throw new ConfigException("cannot parse " + where + ": " + context + oneLine(e.getProblem()));
    } catch (YamlEngineException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new ConfigException(
            "cannot read configuration file " + label + ": not UTF-8 (or UTF-16/32 with a BOM)");
      }
      throw new ConfigException("cannot parse " + label + ": " + oneLine(e.getMessage()));
    }
  }

  private void readRoot(Optional<Node> root) throws ConfigException {
    if (root.isEmpty() || isNull(root.get())) {
      return; // an empty file, or only comments: every key keeps its default
    }
    if (!(root.get() instanceof MappingNode mapping)) {
      throw new ConfigException(
          "configuration file "
              + label
              + " must be a mapping of sections ("
              + String.join(", ", ConfigSchema.childrenOf(""))
              + "), got "
              + describe(root.get())
              + " at "
              + where(root.get()));
    }
    readMapping(mapping, "");
  }

  private void readMapping(MappingNode mapping, String section) throws ConfigException {
    Set<String> seen = new HashSet<>();
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar) || isNull(keyNode)) {
        throw new ConfigException(
            "configuration keys must be plain names, got "
                + describe(keyNode)
                + " at "
                + where(keyNode));
      }
      String path = section.isEmpty() ? scalar.getValue() : section + "." + scalar.getValue();
      if (!seen.add(scalar.getValue())) {
        throw new ConfigException(
            "duplicate configuration key \"" + path + "\" in " + where(keyNode));
      }
      Optional<ConfigKey<?>> key = ConfigSchema.key(path);
      if (key.isPresent()) {
        settings.add(new Setting(key.get(), raw(entry.getValueNode()), where(keyNode)));
      } else if (ConfigSchema.isSection(path)) {
        readSection(entry.getValueNode(), path, where(keyNode));
      } else {
        throw unknownKey(path, section, scalar.getValue(), where(keyNode));
      }
    }
  }

  private void readSection(Node node, String path, String where) throws ConfigException {
    if (node instanceof MappingNode mapping) {
      readMapping(mapping, path);
    } else if (!isNull(node)) { // "http:" with nothing under it is an empty section
      throw new ConfigException(
          path
              + ": expected a section with keys "
              + String.join(", ", ConfigSchema.childrenOf(path))
              + ", got "
              + describe(node)
              + " (from "
              + where
              + ")");
    }
  }

  private static ConfigException unknownKey(
      String path, String section, String name, String where) {
    var known = ConfigSchema.childrenOf(section);
    String suggestion =
        known.stream()
            .filter(k -> normalise(k).equals(normalise(name)))
            .findFirst()
            .map(k -> "; did you mean \"" + (section.isEmpty() ? k : section + "." + k) + "\"?")
            .orElse("");
    String knownList =
        section.isEmpty()
            ? "known sections: " + String.join(", ", known)
            : "known keys under " + section + ": " + String.join(", ", known);
    return new ConfigException(
        "unknown configuration key \""
            + path
            + "\" in "
            + where
            + " ("
            + knownList
            + suggestion
            + ")");
  }

  /** Catches the usual near-misses: {@code max_upload_bytes}, {@code maxuploadbytes}. */
  private static String normalise(String name) {
    return name.replaceAll("[_\\-]", "").toLowerCase(Locale.ROOT);
  }

  private static Raw raw(Node node) {
    return switch (node) {
      case ScalarNode s -> new Raw.Text(isNull(s) ? "" : s.getValue());
      case SequenceNode seq when seq.getValue().stream().anyMatch(MappingNode.class::isInstance) ->
          mappings(seq);
      case SequenceNode seq -> {
        List<String> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
          if (!(item instanceof ScalarNode s)) {
            yield new Raw.Unusable("a list containing " + describe(item));
          }
          items.add(isNull(s) ? "" : s.getValue());
        }
        yield new Raw.Items(items);
      }
      default -> new Raw.Unusable(describe(node));
    };
  }

  /** A list of records: every item a mapping of plain names to scalars, each name once. */
  private static Raw mappings(SequenceNode seq) {
    List<Map<String, String>> items = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (!(item instanceof MappingNode mapping)) {
        return new Raw.Unusable("a list mixing mappings and " + describe(item));
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (NodeTuple field : mapping.getValue()) {
        if (!(field.getKeyNode() instanceof ScalarNode name)
            || isNull(name)
            || !(field.getValueNode() instanceof ScalarNode value)) {
          return new Raw.Unusable("a list item that is not a mapping of names to plain values");
        }
        if (fields.put(name.getValue(), isNull(value) ? "" : value.getValue()) != null) {
          return new Raw.Unusable("a list item that sets " + name.getValue() + " twice");
        }
      }
      items.add(fields);
    }
    return new Raw.Mappings(items);
  }

  /**
   * A value written as YAML flow text, as an environment variable holds a list of records ({@code
   * [{name: a, host: h}]}); empty when the text is not YAML. Never echoes the text: it may hold a
   * password.
   */
  static Optional<Raw> parseFlow(String text) {
    try {
      return new Compose(LoadSettings.builder().setLabel("environment").build())
          .composeString(text)
          .map(YamlConfigFile::raw);
    } catch (YamlEngineException e) {
      return Optional.empty();
    }
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static String describe(Node node) {
    return switch (node) {
      case ScalarNode s -> isNull(s) ? "an empty value" : InvalidValue.quote(s.getValue());
      case SequenceNode ignored -> "a list";
      case MappingNode ignored -> "a mapping";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private String where(Node node) {
    return node.getStartMark().map(m -> label + " line " + (m.getLine() + 1)).orElse(label);
  }

  private static String position(Mark mark) {
    return "line " + (mark.getLine() + 1) + " column " + (mark.getColumn() + 1);
  }

  private static String oneLine(String text) {
    return text == null ? "malformed YAML" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
