package io.jparallel.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code java} command line running a main class of this module on the test class path. */
final class JavaCommand {
  private JavaCommand() {}

  static List<String> of(Class<?> main, String... args) {
    // the main class's name also before the (long) class path: /proc keeps 4096 bytes of a command line
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-Djparallel.test.main=" + main.getName(), "-cp", classPath(), main.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** The command as one shell line, with {@code JPARALLEL_DIR} set. */
  static String shellLine(Path jparallelDir, Class<?> main, String... args) {
    StringBuilder sb = new StringBuilder("JPARALLEL_DIR=").append(quote(jparallelDir.toString())).append(" exec");
    for (String a : of(main, args)) {
      sb.append(' ').append(quote(a));
    }
    return "sh -c " + quote(sb.toString());
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
