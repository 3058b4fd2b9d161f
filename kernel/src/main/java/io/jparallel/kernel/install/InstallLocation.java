package io.jparallel.kernel.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code jupyter kernelspec install} would put a kernelspec: {@code --user} (Jupyter's
 * user data dir), {@code --sys-prefix} ({@code sys.prefix} of the Python on the PATH) or
 * {@code --prefix DIR}; the kernelspec goes to {@code <data dir>/kernels/<name>}.
 */
public sealed interface InstallLocation {
  /** The {@code kernels} directory. */
  Path kernelsDir() throws IOException;

  record User() implements InstallLocation {
    @Override
    public Path kernelsDir() {
      return userDataDir().resolve("kernels");
    }
  }

  record Prefix(Path prefix) implements InstallLocation {
    @Override
    public Path kernelsDir() {
      return prefix.toAbsolutePath().resolve("share").resolve("jupyter").resolve("kernels");
    }
  }

  record SysPrefix(String python) implements InstallLocation {
    @Override
    public Path kernelsDir() throws IOException {
      return new Prefix(Path.of(pythonSysPrefix(python))).kernelsDir();
    }
  }

  /** jupyter_core's user data dir: $JUPYTER_DATA_DIR, else per OS (XDG on Linux). */
  static Path userDataDir() {
    String explicit = System.getenv("JUPYTER_DATA_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    Path home = Path.of(System.getProperty("user.home"));
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return home.resolve("Library").resolve("Jupyter");
    }
    if (os.contains("win")) {
      String appData = System.getenv("APPDATA");
      return (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("jupyter");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share")).resolve("jupyter");
  }

  private static String pythonSysPrefix(String python) throws IOException {
    Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(python + " did not answer sys.prefix within 30 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0 || out.isEmpty()) {
        throw new IOException("--sys-prefix: cannot ask " + python + " for sys.prefix: " + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
