package io.jparallel.controller;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Memory outside the Java heap for what the {@link ResultStore} keeps ({@link SlabLog}'s slabs,
 * {@link OffHeapMessage}s): the serial GC neither marks nor moves it, so full collections stay
 * short however much is kept. Freed at once when dropped ({@link #free}), not when the GC
 * notices the buffer is gone.
 */
final class DirectMemory {
  /** {@code sun.misc.Unsafe.invokeCleaner}, bound; null where the JDK does not offer it (the GC frees then). */
  private static final MethodHandle CLEANER = cleaner();

  private DirectMemory() {}

  static ByteBuffer allocate(int bytes) {
    return ByteBuffer.allocateDirect(bytes);
  }

  /** Gives a buffer of {@link #allocate}'s back; nothing may use it (or a view of it) afterwards. */
  static void free(ByteBuffer b) {
    if (b != null && b.isDirect() && CLEANER != null) {
      try {
        CLEANER.invokeExact(b);
      } catch (Throwable e) {
        // left to the GC, which frees a direct buffer with its last reference
      }
    }
  }

  private static MethodHandle cleaner() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field f = unsafeClass.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      MethodHandle h = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
          MethodType.methodType(void.class, ByteBuffer.class));
      return h.bindTo(f.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
