package io.jparallel.magics;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code %classpath PATH...}: jars or class folders. */
@Command
public final class ClasspathOptions implements MagicOptions {
  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Jars or class folders, added in this order.")
  private List<String> paths = new ArrayList<>();

  @Override
  public void validate() {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("needs at least one jar or class folder");
    }
  }

  public List<String> paths() {
    return List.copyOf(paths);
  }
}
