package io.jparallel.client.shipping;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Gives a JShell an in-process {@link ReplExecutionControl}. Pass it to
 * {@code JShell.builder().executionEngine(provider, Map.of())}; after {@code build()},
 * {@link #control()} is the session's control. One provider per JShell.
 */
public final class ReplExecutionControlProvider implements ExecutionControlProvider {
  private final ClassLoader parent;
  private final ClassSources registry;
  private volatile ReplExecutionControl control;

  /** Snippet classes resolve API and library classes through {@code parent}. */
  public ReplExecutionControlProvider(ClassLoader parent, ClassSources registry) {
    this.parent = parent;
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  public ReplExecutionControlProvider() {
    this(ReplExecutionControlProvider.class.getClassLoader(), ClassSources.shared());
  }

  @Override
  public String name() {
    return "jparallel-local";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters)
      throws ExecutionControl.ExecutionControlException {
    if (control != null) {
      throw new IllegalStateException("this provider already serves a JShell");
    }
    ReplExecutionControl created = ReplExecutionControl.create(parent, registry);
    List<String> remoteOptions = env.extraRemoteVMOptions();
    int classPath = remoteOptions.indexOf("--class-path") + 1;
    if (classPath > 0 && classPath < remoteOptions.size()) {
      created.addToClasspath(remoteOptions.get(classPath));
    }
    control = created;
    return created;
  }

  /** The control made for the JShell, once it has been built. */
  public ReplExecutionControl control() {
    ReplExecutionControl c = control;
    if (c == null) {
      throw new IllegalStateException("no JShell has been built with this provider yet");
    }
    return c;
  }
}
