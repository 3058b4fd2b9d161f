package io.jparallel.repl;

import io.jparallel.session.SessionOptions;

/** The REPL's first lines: version, the cluster it has, where to start. */
final class Banner {
  private Banner() {}

  static String of(SessionOptions options) {
    String version = Banner.class.getPackage().getImplementationVersion();
    String cluster = switch (options.cluster()) {
      case LOCAL -> "local cluster of " + options.engines() + (options.engines() == 1 ? " engine" : " engines")
          + " (starting behind the prompt; the first cell waits for it)";
      case CONNECT -> "connected to " + options.connectFile();
      case NONE -> "no cluster (%cluster start -n N starts one)";
    };
    String names = options.cluster() == SessionOptions.ClusterMode.NONE ? ""
        : "  rc: the Client, dv: all engines (DirectView), lv: load-balanced view\n";
    return "jparallel " + (version == null ? "dev" : version) + " on Java " + System.getProperty("java.version")
        + ", " + cluster + "\n"
        + names
        + "  %lsmagic lists magics, %px CODE runs on every engine, Tab completes, Ctrl-C interrupts, Ctrl-D exits";
  }
}
