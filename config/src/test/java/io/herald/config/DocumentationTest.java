package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The example file and the reference page are part of the product: they must match the schema. */
class DocumentationTest {

  // Surefire runs in the module directory.
  private static final Path EXAMPLE = Path.of("herald.example.yml");
  private static final Path DOCS = Path.of("../docs/configuration.md");

  @Test
  void the_example_file_loads_cleanly_to_exactly_the_defaults() throws Exception {
    assertThat(ConfigLoader.load(Optional.of(EXAMPLE), Map.of()))
        .isEqualTo(HeraldConfig.defaults());
  }

  @Test
  void the_example_file_sets_every_key_in_the_schema() throws Exception {
    Object root =
        new Load(LoadSettings.builder().build()).loadFromString(Files.readString(EXAMPLE));
    Set<String> paths = new LinkedHashSet<>();
    collectLeafPaths("", root, paths);

    assertThat(paths)
        .containsExactlyInAnyOrderElementsOf(
            ConfigSchema.KEYS.stream().map(ConfigKey::path).toList());
  }

  @Test
  void the_reference_page_has_a_row_for_every_key_with_its_variable_and_default() throws Exception {
    var lines = Files.readAllLines(DOCS);

    for (ConfigKey<?> key : ConfigSchema.KEYS) {
      String row =
          lines.stream()
              .filter(l -> l.startsWith("| `" + key.path() + "` |"))
              .filter(l -> l.split("\\|").length >= 6)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no table row for " + key.path()));
      String shownDefault = key.defaultText().isEmpty() ? "(empty)" : "`" + key.defaultText() + "`";
      assertThat(row)
          .as(key.path())
          .contains("`" + key.envName() + "`")
          .contains("| " + shownDefault + " |");
    }
  }

  private static void collectLeafPaths(String prefix, Object node, Set<String> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectLeafPaths(prefix.isEmpty() ? "" + k : prefix + "." + k, v, out));
    } else {
      out.add(prefix);
    }
  }
}
