package io.jparallel.magics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The engines {@code --targets} names: {@code all}, or engine ids separated by commas, where
 * {@code 1-3} is a range ({@code 0,2}, {@code 0-3,8}).
 *
 * @param ids the engine ids in the order given (no duplicates); empty for {@code all}
 */
public record Targets(List<Integer> ids) {
  public static final Targets ALL = new Targets(List.of());

  public Targets {
    ids = List.copyOf(ids);
  }

  public static Targets of(Integer... ids) {
    return new Targets(List.of(ids));
  }

  public boolean isAll() {
    return ids.isEmpty();
  }

  /** Parses {@code all}, {@code 0,2}, {@code 1-3}; throws {@link IllegalArgumentException} when malformed. */
  public static Targets parse(String text) {
    String s = text.strip();
    if (s.equalsIgnoreCase("all")) {
      return ALL;
    }
    Set<Integer> ids = new LinkedHashSet<>();
    for (String part : s.split(",", -1)) {
      String p = part.strip();
      int dash = p.indexOf('-', 1);
      try {
        if (dash > 0) {
          int from = Integer.parseInt(p.substring(0, dash).strip());
          int to = Integer.parseInt(p.substring(dash + 1).strip());
          if (from > to || from < 0) {
            throw new IllegalArgumentException();
          }
          for (int i = from; i <= to; i++) {
            ids.add(i);
          }
        } else {
          int id = Integer.parseInt(p);
          if (id < 0) {
            throw new IllegalArgumentException();
          }
          ids.add(id);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expected 'all' or engine ids like 0,2 or 0-3 but was '" + text + "'");
      }
    }
    return new Targets(new ArrayList<>(ids));
  }

  @Override
  public String toString() {
    if (isAll()) {
      return "all";
    }
    StringBuilder out = new StringBuilder();
    for (int id : ids) {
      out.append(out.length() == 0 ? "" : ",").append(id);
    }
    return out.toString();
  }

  /** picocli converter for {@code --targets}. */
  public static final class Converter implements ITypeConverter<Targets> {
    @Override
    public Targets convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
