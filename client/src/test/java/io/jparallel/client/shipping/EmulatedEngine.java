package io.jparallel.client.shipping;

import io.jparallel.fn.Invocable;
import io.jparallel.serialize.PayloadWriter;
import io.jparallel.serialize.SafeObjectInput;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only stand-in for an engine's session loader: it sees the test class path (so the
 * API) but not the JShell session's classes, defines shipped classes itself (before
 * asking its parent, so a plain-Java class really comes from the shipped bytes), sets the
 * statics snapshot and deserializes the function as an engine would.
 */
final class EmulatedEngine extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, ClassFile> shipped = new ConcurrentHashMap<>();

  EmulatedEngine() {
    super("emulated-engine", EmulatedEngine.class.getClassLoader());
  }

  /** Runs a shipped function as an engine would: define classes, set statics, deserialize, invoke. */
  Object run(ShippedFunction f, Object... args) throws Exception {
    return function(f).invoke(args);
  }

  Invocable function(ShippedFunction f) throws Exception {
    for (ClassFile c : f.classes()) {
      ClassFile previous = shipped.putIfAbsent(c.name(), c);
      SafeObjectInput.allowShipped(c.name()); // as the engine does on load_classes
      if (previous != null && !previous.hash().equals(c.hash())) {
        throw new IllegalStateException("engine already has another " + c.name());
      }
    }
    for (StaticValue s : f.statics()) {
      Field field = Class.forName(s.className(), false, this).getDeclaredField(s.fieldName());
      field.setAccessible(true);
      field.set(null, overTheWire(s.value()));
    }
    return (Invocable) SafeObjectInput.read(f.bytes(), this);
  }

  private Object overTheWire(Object value) throws Exception {
    return value == null ? null : SafeObjectInput.read(PayloadWriter.serialize(value, "static"), this);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    ClassFile file = shipped.get(name);
    if (file == null) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      return c != null ? c : defineClass(name, file.bytes(), 0, file.bytes().length);
    }
  }
}
