package io.jparallel.magics;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code %maven [--repo URL]... G:A:V...}: what to resolve, and repositories to search besides Maven Central. */
@Command
public final class MavenOptions implements MagicOptions {
  @Parameters(paramLabel = "G:A:V", arity = "0..*",
      description = "Maven coordinates (groupId:artifactId[:extension[:classifier]]:version).")
  private List<String> coordinates = new ArrayList<>();

  @Option(names = "--repo", paramLabel = "URL",
      description = "A repository to search too (https, http or file URL); stays for later %maven.")
  private List<String> repositories = new ArrayList<>();

  @Override
  public void validate() {
    if (coordinates.isEmpty() && repositories.isEmpty()) {
      throw new IllegalArgumentException("needs coordinates (G:A:V) or --repo URL");
    }
    for (String c : coordinates) {
      if (c.split(":", -1).length < 3) {
        throw new IllegalArgumentException("'" + c + "' is not groupId:artifactId:version");
      }
    }
  }

  public List<String> coordinates() {
    return List.copyOf(coordinates);
  }

  public List<String> repositories() {
    return List.copyOf(repositories);
  }
}
