package io.jparallel.serialize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.List;

/**
 * Java deserialization for payloads of verified messages only: classes resolve through a
 * given loader (the engine's or client's session loader) and an {@link ObjectInputFilter}
 * bounds depth, references and size and refuses classes known as deserialization gadgets.
 */
public final class SafeObjectInput extends ObjectInputStream {
  private static final List<String> REFUSED = List.of(
      "org.apache.commons.collections.functors.", "org.apache.commons.collections4.functors.",
      "org.codehaus.groovy.runtime.", "com.sun.org.apache.xalan.", "org.springframework.beans.factory.",
      "com.sun.rowset.", "javax.management.", "java.rmi.", "sun.rmi.", "bsh.", "org.python.core.",
      "com.mchange.v2.c3p0.", "net.sf.json.");

  static final ObjectInputFilter FILTER = info -> {
    if (info.depth() > 2000 || info.references() > 50_000_000L || info.streamBytes() > (1L << 31)) {
      return ObjectInputFilter.Status.REJECTED;
    }
    Class<?> c = info.serialClass();
    if (c != null) {
      String n = c.getName();
      for (String p : REFUSED) {
        if (n.startsWith(p)) {
          return ObjectInputFilter.Status.REJECTED;
        }
      }
    }
    return ObjectInputFilter.Status.UNDECIDED;
  };

  private final ClassLoader loader;

  private SafeObjectInput(InputStream in, ClassLoader loader) throws IOException {
    super(in);
    this.loader = loader;
    setObjectInputFilter(FILTER);
  }

  public static Object read(byte[] bytes, ClassLoader loader) throws IOException {
    try (SafeObjectInput in = new SafeObjectInput(new ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("class " + e.getMessage() + " is not known here", e);
    } catch (InvalidClassException e) {
      throw new IOException("refused to deserialize: " + e.getMessage(), e);
    }
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
    if (loader != null) {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        // fall through to primitives and the default resolution
      }
    }
    return super.resolveClass(desc);
  }
}
