package io.jparallel.engine;

import io.jparallel.jshell.SnippetLoaderDelegate;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import java.util.Map;

/**
 * The engine's in-process JShell execution: {@link LocalExecutionControl} (snippets run in
 * this JVM, on a thread of their own) with two additions: {@link #findClass} is reachable
 * from the engine, and {@link #varValue} can be asked for the wrapper class of a variable
 * instead of its {@code toString()}, so the engine reads and writes the real objects
 * behind REPL variables through their static fields.
 */
final class ReplExecutionControl extends LocalExecutionControl {
  private String capturedClass;
  private boolean capturing;

  ReplExecutionControl(SnippetLoaderDelegate delegate) {
    super(delegate);
  }

  /** The provider that hands this control to {@code JShell.builder().executionEngine}. */
  static final class Provider implements ExecutionControlProvider {
    private final SnippetLoaderDelegate delegate;
    private ReplExecutionControl control;

    Provider(SnippetLoaderDelegate delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return "jparallel-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      control = new ReplExecutionControl(delegate);
      return control;
    }

    ReplExecutionControl control() {
      return control;
    }
  }

  /** Runs {@code call} (which calls {@code JShell.varValue}) and returns the wrapper class name it asked about. */
  synchronized String wrapperClassOf(Runnable call) {
    capturing = true;
    capturedClass = null;
    try {
      call.run();
    } finally {
      capturing = false;
    }
    return capturedClass;
  }

  @Override
  public synchronized String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    if (capturing) {
      capturedClass = className;
      return "";
    }
    return super.varValue(className, varName);
  }

  Class<?> classNamed(String name) throws ClassNotFoundException {
    return findClass(name);
  }
}
