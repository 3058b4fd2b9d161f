package io.jparallel.serialize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.jshell.JShellNames;
import io.jparallel.wire.Frames;
import io.jparallel.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes values of one message into JSON descriptors and buffers. Strings, numbers and
 * booleans go inline in the descriptor; {@code byte[]}, {@link ByteBuffer} and arrays of
 * primitives become raw frames (one bulk copy, never interpreted); anything else
 * {@link Serializable} becomes a signed Java-serialization buffer. Other types are refused
 * with a message naming them.
 */
public final class PayloadWriter {
  private final List<byte[]> signed = new ArrayList<>(2);
  private final List<ByteBuffer> raw = new ArrayList<>(1);
  private final Set<Class<?>> serializedClasses = new LinkedHashSet<>();
  private final boolean pooled;

  /** A writer whose raw frames are heap buffers. */
  public PayloadWriter() {
    this(false);
  }

  private PayloadWriter(boolean pooled) {
    this.pooled = pooled;
  }

  /**
   * A writer that puts large raw frames in {@link io.jparallel.wire.BufferPool} buffers: for
   * senders that release {@link #raw()} once the receiver has them all (a client, when the
   * task's reply is in).
   */
  public static PayloadWriter pooled() {
    return new PayloadWriter(true);
  }

  /** Encodes a value, returning its descriptor. */
  public ObjectNode write(Object value) {
    return write(value, null);
  }

  /** As {@link #write(Object)}; {@code what} names the value in error messages (e.g. "argument 1"). */
  public ObjectNode write(Object value, String what) {
    ObjectNode d = Json.object();
    if (value == null) {
      return d.put("t", "null");
    }
    if (value instanceof String s) {
      return d.put("t", "str").put("v", s);
    }
    if (value instanceof Integer i) {
      return d.put("t", "int").put("v", i);
    }
    if (value instanceof Long l) {
      return d.put("t", "long").put("v", l);
    }
    if (value instanceof Double x) {
      return d.put("t", "double").put("v", Double.doubleToRawLongBits(x));
    }
    if (value instanceof Boolean b) {
      return d.put("t", "bool").put("v", b);
    }
    if (value instanceof byte[] b) {
      return raw(d, "bytes", ByteBuffer.wrap(b));
    }
    if (value instanceof ByteBuffer bb) {
      return raw(d, "bytebuffer", remaining(bb));
    }
    if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
      return raw(d, PrimitiveArrays.kind(value), PrimitiveArrays.toBuffer(value, pooled));
    }
    if (!(value instanceof Serializable)) {
      throw new IllegalArgumentException(notSendable(what == null ? "value" : what, value.getClass()));
    }
    signed.add(serialize(value, what, serializedClasses));
    return d.put("t", "java").put("s", signed.size() - 1);
  }

  /**
   * Why a value cannot travel, naming its type as the user knows it ({@code Sample}, not
   * JShell's {@code REPL.$JShell$24$Sample}) and, for a class typed into a session, how to fix it.
   */
  public static String notSendable(String what, Class<?> type) {
    return what + " of type " + JShellNames.userName(type.getName()) + " cannot be sent: it is not Serializable,"
        + " an array of primitives, byte[] or ByteBuffer" + serializableHint(type.getName());
  }

  /** For a class declared in a JShell session: declare it {@code implements java.io.Serializable}. */
  private static String serializableHint(String className) {
    String user = JShellNames.userName(className);
    return user.equals(className) ? "" : " (declare it as `class " + user + " implements java.io.Serializable`)";
  }

  /** Adds a signed buffer of bytes that the receiver will interpret (class files, lambdas). */
  public int addSigned(byte[] bytes) {
    signed.add(bytes);
    return signed.size() - 1;
  }

  /** The signed buffers (serialized values, lambdas, class files). */
  public List<byte[]> buffers() {
    return signed;
  }

  /** The raw frames (primitive arrays, bytes), in the order of their descriptors' "r". */
  public List<ByteBuffer> raw() {
    return raw;
  }

  public int rawCount() {
    return raw.size();
  }

  /**
   * Every class (besides JDK ones) of the objects serialized so far: a receiver that never saw
   * one (a record typed into JShell, passed as an argument) needs its class file too.
   */
  public Set<Class<?>> serializedClasses() {
    return serializedClasses;
  }

  public static byte[] serialize(Object value, String what) {
    return serialize(value, what, null);
  }

  private static byte[] serialize(Object value, String what, Set<Class<?>> classes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = classes == null ? new ObjectOutputStream(bytes) : new ClassRecordingOutput(bytes, classes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException((what == null ? "value" : what) + " of type "
          + JShellNames.userName(value.getClass().getName()) + " cannot be sent: it holds a "
          + JShellNames.userName(e.getMessage()) + ", which is not Serializable" + serializableHint(e.getMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize " + (what == null ? "value" : what), e);
    }
    return bytes.toByteArray();
  }

  private ObjectNode raw(ObjectNode d, String kind, ByteBuffer frame) {
    raw.add(frame);
    return d.put("t", kind).put("r", raw.size() - 1);
  }

  /** A heap buffer over a whole array is sent as it is; any other is copied. */
  private ByteBuffer remaining(ByteBuffer bb) {
    if (Frames.wrapsWholeArray(bb)) {
      return bb.duplicate();
    }
    ByteBuffer copy = PrimitiveArrays.allocate(bb.remaining(), pooled);
    copy.put(bb.duplicate()).flip();
    return copy;
  }

  /** Notes the class of every object it writes (once per class, as the stream describes it). */
  private static final class ClassRecordingOutput extends ObjectOutputStream {
    private final Set<Class<?>> classes;

    ClassRecordingOutput(OutputStream out, Set<Class<?>> classes) throws IOException {
      super(out);
      this.classes = classes;
    }

    @Override
    protected void annotateClass(Class<?> cl) {
      Class<?> c = cl;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (!c.isPrimitive() && c.getClassLoader() != null) {
        classes.add(c);
      }
    }

    @Override
    protected void annotateProxyClass(Class<?> cl) {
      annotateClass(cl);
    }
  }
}
