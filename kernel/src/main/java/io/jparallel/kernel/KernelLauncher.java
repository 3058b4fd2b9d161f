package io.jparallel.kernel;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs a kernel for one Jupyter connection file until it is asked to shut down (what
 * {@code jpar kernel run --connection-file F} does; the kernelspec's argv calls it).
 */
public final class KernelLauncher {
  private KernelLauncher() {}

  /** Serves the connection until shutdown; returns the process exit code. */
  public static int run(Path connectionFile, Supplier<Interpreter> interpreter) throws IOException, InterruptedException {
    KernelConnectionProperties connection = readConnection(connectionFile);
    JParallelKernel kernel = new JParallelKernel(interpreter.get());
    KernelServer server = new KernelServer(connection, kernel).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "jparallel-kernel-exit"));
    server.awaitShutdown();
    return 0;
  }

  static KernelConnectionProperties readConnection(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("connection file not found: " + file);
    }
    try {
      return KernelConnectionProperties.parse(Files.readString(file));
    } catch (RuntimeException e) {
      throw new IOException("not a Jupyter connection file: " + file + " (" + e.getMessage() + ")");
    }
  }
}
