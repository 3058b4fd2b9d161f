package io.jparallel.client.shipping;

import io.jparallel.fn.Invocable;
import io.jparallel.jshell.JShellNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Java-serializes a function and notes, while doing so, the {@link SerializedLambda}s and
 * the classes of all objects written, so that the classes of captured objects ship too.
 */
final class FunctionSerializer {
  private FunctionSerializer() {}

  /**
   * The serialized function. {@code lambda} is the function's own lambda form (null if it
   * is not a lambda); {@code lambdas} are all lambda forms written, its own included;
   * {@code classes} the classes of everything written (array element types, {@code Class}
   * objects as themselves).
   */
  record Serialized(byte[] bytes, SerializedLambda lambda, List<SerializedLambda> lambdas, Set<Class<?>> classes) {}

  static Serialized serialize(Invocable fn) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    Recorder out;
    try {
      out = new Recorder(bytes);
      out.writeObject(fn);
      out.close();
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("function of type " + JShellNames.userName(fn.getClass().getName())
          + " cannot be sent: it captures a " + JShellNames.userName(e.getMessage()) + ", which is not Serializable", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize function of type " + fn.getClass().getName(), e);
    }
    return new Serialized(bytes.toByteArray(), out.own, List.copyOf(out.lambdas), out.classes);
  }

  private static final class Recorder extends ObjectOutputStream {
    final List<SerializedLambda> lambdas = new ArrayList<>();
    final Set<Class<?>> classes = new LinkedHashSet<>();
    SerializedLambda own;
    boolean first = true;

    Recorder(OutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (obj instanceof SerializedLambda lambda) {
        lambdas.add(lambda);
        if (first) {
          own = lambda;
        }
      } else {
        classes.add(elementType(obj instanceof Class<?> c ? c : obj.getClass()));
      }
      first = false;
      return obj;
    }

    private static Class<?> elementType(Class<?> c) {
      Class<?> e = c;
      while (e.isArray()) {
        e = e.getComponentType();
      }
      return e;
    }
  }
}
