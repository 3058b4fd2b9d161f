package io.jparallel.kernel.install;

import java.nio.file.Path;
import java.util.List;

/**
 * How the kernelspec starts the kernel. {@link Jar}: the kernelspec gets its own copy of the
 * runnable jpar jar (so it keeps working when the checkout moves or is rebuilt);
 * {@link ClassPath}: run {@code KernelMain} from a class path in place (tests, development).
 */
public sealed interface KernelLaunch {
  /** The part of argv after the java executable and JVM options; {@code installedDir} is the kernelspec dir. */
  List<String> arguments(Path installedDir);

  record Jar(Path jar) implements KernelLaunch {
    public static final String COPY_NAME = "jpar.jar";

    @Override
    public List<String> arguments(Path installedDir) {
      return List.of("-jar", installedDir.resolve(COPY_NAME).toString(), "kernel", "run", "--connection-file", "{connection_file}");
    }
  }

  record ClassPath(String classPath) implements KernelLaunch {
    @Override
    public List<String> arguments(Path installedDir) {
      return List.of("-cp", classPath, "io.jparallel.kernel.KernelMain", "--connection-file", "{connection_file}");
    }
  }

  /** The jar the given class was loaded from, or the running class path when it is not in a jar. */
  static KernelLaunch ofRunning(Class<?> anchor) {
    try {
      Path p = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (p.toString().endsWith(".jar") && java.nio.file.Files.isRegularFile(p)) {
        return new Jar(p);
      }
    } catch (Exception e) {
      // fall back to the class path below
    }
    return new ClassPath(System.getProperty("java.class.path"));
  }
}
