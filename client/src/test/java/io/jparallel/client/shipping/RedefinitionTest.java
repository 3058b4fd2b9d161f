package io.jparallel.client.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.wire.ContentHash;
import example.userapp.Pricing;
import io.jparallel.fn.Invocable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** A source that redefines a class (as a JDI-backed JShell can) invalidates the cached analysis. */
class RedefinitionTest {
  private static final String DISCOUNT = Pricing.Discount.class.getName();

  /** Defines {@code DISCOUNT} from a mutable table, as a session's loader would. */
  static final class SessionLoader extends ClassLoader implements ClassBytesSource {
    final Map<String, byte[]> table = new ConcurrentHashMap<>();

    SessionLoader(byte[] discount) {
      super(SessionLoader.class.getClassLoader());
      table.put(DISCOUNT, discount);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      byte[] bytes = table.get(name);
      if (bytes == null) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
      }
    }

    @Override
    public Optional<byte[]> bytesOf(String className) {
      return Optional.ofNullable(table.get(className));
    }

    @Override
    public boolean serves(ClassLoader loader) {
      return loader == this;
    }
  }

  @Test
  void newBytesFromASourceAreNoticed() throws Exception {
    byte[] original = ClassSources.resourceBytes(DISCOUNT, getClass().getClassLoader()).orElseThrow();
    SessionLoader session = new SessionLoader(original);
    ClassSources sources = new ClassSources();
    sources.register(session);
    FunctionShipper shipper = new FunctionShipper(sources);
    Invocable discount = (Invocable) Class.forName(DISCOUNT, true, session)
        .getConstructor(double.class).newInstance(50.0);

    ShippedFunction before = shipper.ship(discount);
    assertThat(hashOf(before, DISCOUNT)).isEqualTo(ContentHash.sha256Hex(original));
    assertThat(shipper.ship(discount).classes()).isSameAs(before.classes());

    session.table.put(DISCOUNT, withExtraField(original));
    ShippedFunction after = shipper.ship(discount);
    assertThat(hashOf(after, DISCOUNT)).isEqualTo(ContentHash.sha256Hex(session.table.get(DISCOUNT)))
        .isNotEqualTo(hashOf(before, DISCOUNT));
    assertThat(new EmulatedEngine().run(after, 8.0)).isEqualTo(4.0);
  }

  private static String hashOf(ShippedFunction f, String className) {
    return f.classes().stream().filter(c -> c.name().equals(className)).findFirst().orElseThrow().hash();
  }

  private static byte[] withExtraField(byte[] classFile) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile).accept(writer, 0);
    writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "redefined", "I", null, null).visitEnd();
    return writer.toByteArray();
  }
}
