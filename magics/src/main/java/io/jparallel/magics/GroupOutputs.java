package io.jparallel.magics;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code %px} groups the outputs of several engines, as IPython parallel's
 * {@code --group-outputs}: {@code type} (all stdout, then all stderr, then results),
 * {@code engine} (everything of engine 0, then engine 1, ...), {@code order} (like type, but
 * the n-th display output of each engine together).
 */
public enum GroupOutputs {
  ENGINE, ORDER, TYPE;

  public static GroupOutputs parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected engine, order or type but was '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** picocli converter for {@code --group-outputs}. */
  public static final class Converter implements ITypeConverter<GroupOutputs> {
    @Override
    public GroupOutputs convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
