package io.jparallel.client.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.wire.ContentHash;
import example.userapp.Pricing;
import io.jparallel.fn.Invocable;
import io.jparallel.fn.SerializableFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainJavaShippingTest {
  private final FunctionShipper shipper = new FunctionShipper();

  @Test
  void shipsTheCapturingClassAndItsUserClassesButNoJdkApiOrLibraryClasses() throws Exception {
    SerializableFunction<Double, Double> withTax = Pricing.withTax(0.2);
    ShippedFunction shipped = shipper.ship(withTax);

    List<String> names = shipped.classes().stream().map(ClassFile::name).toList();
    assertThat(names).contains("example.userapp.Pricing", "example.userapp.Rounding");
    assertThat(names).allMatch(n -> n.startsWith("example.userapp."));
    assertThat(names).noneMatch(n -> n.startsWith("java.") || n.startsWith("io.jparallel.")
        || n.startsWith("org.assertj.") || n.startsWith("org.junit."));
    assertThat(shipped.statics()).as("plain-Java statics initialise on the engine").isEmpty();
    assertThat(shipped.classes()).allSatisfy(c -> assertThat(c.hash()).isEqualTo(ContentHash.sha256Hex(c.bytes())));

    EmulatedEngine engine = new EmulatedEngine();
    Invocable remote = engine.function(shipped);
    assertThat(remote.getClass().getClassLoader()).as("defined from shipped bytes").isSameAs(engine);
    assertThat(remote.invoke(new Object[] {10.0})).isEqualTo(12.0);
  }

  @Test
  void aSerializableFunctionObjectShipsItsOwnClass() throws Exception {
    ShippedFunction shipped = shipper.ship(new Pricing.Discount(25));
    assertThat(shipped.classes()).extracting(ClassFile::name)
        .contains("example.userapp.Pricing$Discount", "example.userapp.Rounding");
    assertThat(new EmulatedEngine().run(shipped, 8.0)).isEqualTo(6.0);
  }

  @Test
  void shipsByCodeSourceNotByPackage() throws Exception {
    // this test class is in an io.jparallel package but not on the engines' class path: it ships;
    // the API classes it uses (core, client) are on the engines' class path: they do not
    SerializableFunction<Integer, Integer> inc = x -> x + 1;
    ShippedFunction shipped = shipper.ship(inc);
    assertThat(shipped.classes()).extracting(ClassFile::name).contains(getClass().getName())
        .noneMatch(n -> n.startsWith("io.jparallel.fn.") || n.startsWith("io.jparallel.wire."));
    assertThat(new EmulatedEngine().run(shipped, 1)).isEqualTo(2);
  }

  @Test
  void userClassesOfValuesSentWithAFunctionShipWithIt() throws Exception {
    SerializableFunction<Object, Object> identity = x -> x; // names no user class
    List<ClassFile> own = shipper.ship(identity).classes();
    assertThat(own).extracting(ClassFile::name).doesNotContain("example.userapp.Basket");
    Class<?> basket = Class.forName("example.userapp.Basket"); // as PayloadWriter.serializedClasses() finds it
    List<ClassFile> withValues = shipper.classesFor(identity, List.of(basket, java.util.ArrayList.class));
    assertThat(withValues).extracting(ClassFile::name)
        .contains("example.userapp.Basket", "example.userapp.Rounding")
        .noneMatch(n -> n.startsWith("java."));
    assertThat(withValues).containsAll(own);
    assertThat(shipper.classesFor(identity, List.of(java.util.ArrayList.class))).isEqualTo(own);
  }

  @Test
  void aCapturedObjectThatIsNotSerializableFailsNamingItsType() {
    Object notSerializable = new Object();
    SerializableFunction<Integer, Integer> f = x -> x + notSerializable.hashCode();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> shipper.ship(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
