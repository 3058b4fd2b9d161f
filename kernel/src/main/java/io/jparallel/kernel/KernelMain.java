package io.jparallel.kernel;

import java.nio.file.Path;

/**
 * {@code java -cp ... io.jparallel.kernel.KernelMain --connection-file F}: the kernel without
 * the {@code jpar} front end (tests and development kernelspecs use it).
 */
public final class KernelMain {
  private KernelMain() {}

  public static void main(String[] args) throws Exception {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--connection-file") || args[i].equals("-f")) {
        file = i + 1 < args.length ? Path.of(args[++i]) : null;
      } else if (args[i].startsWith("--connection-file=")) {
        file = Path.of(args[i].substring("--connection-file=".length()));
      }
    }
    if (file == null) {
      System.err.println("usage: KernelMain --connection-file FILE");
      System.exit(2);
    }
    System.exit(KernelLauncher.run(file, SessionInterpreter::open));
  }
}
