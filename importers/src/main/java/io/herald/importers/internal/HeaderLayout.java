package io.herald.importers.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The meaning of each column, read from a header row. A row is a header when at least one cell is a
 * known alias ({@link ColumnRole}) and no cell contains '@' (a header never holds an address). When
 * a role appears twice, the first column wins and the others are kept as attributes, so no cell is
 * lost.
 */
record HeaderLayout(List<ColumnRole> roles, List<String> names) {

  /** Reads a header row, or returns empty when the row looks like data. */
  static Optional<HeaderLayout> detect(List<String> cells) {
    if (cells.stream().anyMatch(cell -> cell.indexOf('@') >= 0)) {
      return Optional.empty();
    }
    List<ColumnRole> roles = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Set<ColumnRole> seen = EnumSet.noneOf(ColumnRole.class);
    Set<String> usedNames = new HashSet<>();
    for (int i = 0; i < cells.size(); i++) {
      String name = Texts.clean(cells.get(i));
      ColumnRole role = ColumnRole.ofHeader(name).orElse(ColumnRole.ATTRIBUTE);
      if (role != ColumnRole.ATTRIBUTE && !seen.add(role)) {
        role = ColumnRole.ATTRIBUTE;
      }
      roles.add(role);
      names.add(unique(name.isEmpty() ? columnName(i) : name, usedNames));
    }
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new HeaderLayout(List.copyOf(roles), List.copyOf(names)));
  }

  /** The synthetic name of a column without a header: "col1", "col2"… (1-based). */
  static String columnName(int index) {
    return "col" + (index + 1);
  }

  /** Splits a data row into its roles; cells past the header's width become "colN" attributes. */
  Cells split(List<String> cells) {
    String email = "";
    String phone = "";
    String name = "";
    String first = "";
    String last = "";
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      ColumnRole role = i < roles.size() ? roles.get(i) : ColumnRole.ATTRIBUTE;
      switch (role) {
        case EMAIL -> email = cell;
        case PHONE -> phone = cell;
        case NAME -> name = cell;
        case FIRST_NAME -> first = cell;
        case LAST_NAME -> last = cell;
        case ATTRIBUTE -> attributes.put(i < names.size() ? names.get(i) : columnName(i), cell);
      }
    }
    if (Texts.isBlank(name)) {
      name = (first.strip() + " " + last.strip()).strip();
    }
    return new Cells(email, phone, name, attributes);
  }

  private static String unique(String name, Set<String> used) {
    String candidate = name;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = name + " (" + n + ")";
    }
    return candidate;
  }

  /** One row split into the pieces a contact is built from. */
  record Cells(String email, String phone, String name, Map<String, String> attributes) {}
}
