package io.jparallel.cli;

import io.jparallel.kernel.KernelLauncher;
import io.jparallel.kernel.SessionInterpreter;
import io.jparallel.kernel.install.InstallLocation;
import io.jparallel.kernel.install.KernelLaunch;
import io.jparallel.kernel.install.KernelSpecInstaller;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpar kernel install | run}: the Jupyter kernel. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "The Jupyter kernel: install its kernelspec, or run it for a connection file.",
    subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
final class KernelCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Install the kernelspec (with its own copy of this jar) so Jupyter offers 'Java (jparallel)'.")
  static final class Install implements Callable<Integer> {
    static final class Where {
      @Option(names = "--user", description = "the user's Jupyter data dir (default)")
      boolean user;

      @Option(names = "--sys-prefix", description = "sys.prefix of the python3 on the PATH (a virtualenv or conda env)")
      boolean sysPrefix;

      @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter/kernels")
      Path prefix;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Where where;

    @Option(names = "--name", defaultValue = KernelSpecInstaller.DEFAULT_NAME, description = "kernelspec name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--display-name", defaultValue = KernelSpecInstaller.DEFAULT_DISPLAY_NAME,
        description = "name shown in Jupyter (default: ${DEFAULT-VALUE})")
    String displayName;

    @Override
    public Integer call() throws Exception {
      InstallLocation location = where == null || where.user ? new InstallLocation.User()
          : where.sysPrefix ? new InstallLocation.SysPrefix(System.getenv().getOrDefault("JPARALLEL_PYTHON", "python3"))
          : new InstallLocation.Prefix(where.prefix);
      KernelLaunch launch = KernelLaunch.ofRunning(KernelCommand.class);
      Path dir = KernelSpecInstaller.install(location, name, displayName, launch, KernelSpecInstaller.defaultJvmOptions());
      System.out.println("Installed kernelspec " + name + " in " + dir);
      if (launch instanceof KernelLaunch.ClassPath) {
        System.out.println("(not run from a jar: the kernelspec uses this class path in place)");
      }
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the kernel for a Jupyter connection file (what the kernelspec calls).")
  static final class Run implements Callable<Integer> {
    @Option(names = {"--connection-file", "-f"}, required = true, paramLabel = "FILE", description = "the connection file Jupyter wrote")
    Path connectionFile;

    @Override
    public Integer call() throws Exception {
      return KernelLauncher.run(connectionFile, SessionInterpreter::open);
    }
  }
}
