package io.jparallel.client.shipping;

import static io.jparallel.client.shipping.Snippets.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jparallel.fn.ChunkedFunction;
import io.jparallel.fn.Invocable;
import io.jparallel.fn.SerializableFunction;
import io.jparallel.wire.ContentHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplShippingTest {
  private ReplJShell repl;
  private final FunctionShipper shipper = new FunctionShipper();

  @BeforeEach
  void startSession() {
    repl = ReplJShell.create();
    eval(repl, "import io.jparallel.fn.*;");
  }

  @AfterEach
  void closeSession() {
    repl.close();
  }

  private Invocable fn(String variable) {
    return (Invocable) repl.valueOf(variable);
  }

  @Test
  void lambdaSeesReplVariableAsItWasWhenShipped() throws Exception {
    eval(repl, "int k = 3;", "SerializableFunction<Integer,Integer> f = x -> x * k;");
    Invocable f = fn("f");

    ShippedFunction atThree = shipper.ship(f);
    assertThat(new EmulatedEngine().run(atThree, 2)).isEqualTo(6);
    assertThat(atThree.statics()).extracting(StaticValue::fieldName, StaticValue::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("k", 3));
    assertThat(atThree.classes()).extracting(ClassFile::name).allMatch(n -> n.startsWith("REPL.$JShell$"));
    assertThat(atThree.fnHash()).isEqualTo(ContentHash.sha256Hex(atThree.bytes())).hasSize(64);

    eval(repl, "k = 10;");
    ShippedFunction atTen = shipper.ship(f);
    assertThat(new EmulatedEngine().run(atTen, 2)).isEqualTo(20);
    assertThat(new EmulatedEngine().run(atThree, 2)).as("snapshot taken at ship time").isEqualTo(6);
  }

  @Test
  void engineDoesNotSeeTheSessionsClasses() throws Exception {
    eval(repl, "SerializableFunction<Integer,Integer> f = x -> x + 1;");
    ShippedFunction shipped = shipper.ship(fn("f"));
    String capturing = shipped.classes().get(0).name();
    EmulatedEngine engine = new EmulatedEngine();
    assertThat(engine.getParent()).isNotNull();
    assertThatThrownBy(() -> Class.forName(capturing, false, engine.getParent()))
        .isInstanceOf(ClassNotFoundException.class);

    Invocable remote = engine.function(shipped);
    assertThat(remote.getClass().getClassLoader()).isSameAs(engine);
    assertThat(remote.invoke(new Object[] {41})).isEqualTo(42);
  }

  @Test
  void replMethodAndRecordShipAndARedefinedMethodShipsInItsNewVersion() throws Exception {
    eval(repl,
        "int sq(int x) { return x * x; }",
        "record P(int a) implements java.io.Serializable { int twice() { return a * 2; } }",
        "SerializableFunction<Integer,Integer> g = x -> sq(new P(x).twice());");
    Invocable before = fn("g");
    ShippedFunction squared = shipper.ship(before);
    assertThat(squared.classes()).extracting(ClassFile::name).anyMatch(n -> n.endsWith("$P"));
    assertThat(new EmulatedEngine().run(squared, 3)).isEqualTo(36);

    eval(repl, "int sq(int x) { return x * x * x; }");
    eval(repl, "SerializableFunction<Integer,Integer> g = x -> sq(new P(x).twice());");
    ShippedFunction cubed = shipper.ship(fn("g"));
    assertThat(new EmulatedEngine().run(cubed, 3)).isEqualTo(216);
    assertThat(cubed.fnHash()).isNotEqualTo(squared.fnHash());
  }

  @Test
  void replRecordTravelsAsResultAndAsCapturedValue() throws Exception {
    eval(repl,
        "record Point(int x, int y) implements java.io.Serializable { int sum() { return x + y; } }",
        "Point origin = new Point(1, 2);",
        "SerializableFunction<Integer,Integer> shift = x -> x + origin.sum();");
    ShippedFunction shipped = shipper.ship(fn("shift"));
    assertThat(shipped.statics()).extracting(StaticValue::fieldName).containsExactly("origin");
    assertThat(new EmulatedEngine().run(shipped, 10)).isEqualTo(13);
  }

  @Test
  void readingANonSerializableReplVariableFailsNamingIt() {
    eval(repl,
        "Object lock = new Object();",
        "SerializableFunction<Integer,Integer> g = x -> { Object o = lock; return x; };");
    Invocable g = fn("g");
    assertThatThrownBy(() -> shipper.ship(g))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REPL variable 'lock'")
        .hasMessageContaining("of type java.lang.Object")
        .hasMessageContaining("cannot be sent");
  }

  /** Issue 10.6: a chunk of lv.chunkSize(n).map ships as the REPL lambda it runs, with the variables that one reads. */
  @Test
  void aChunkOfAMapShipsAsTheLambdaItRuns() throws Exception {
    eval(repl, "int k = 5;", "SerializableFunction<Integer,Integer> f = x -> x * k;");
    @SuppressWarnings("unchecked")
    SerializableFunction<Integer, Integer> f = (SerializableFunction<Integer, Integer>) fn("f");
    ShippedFunction chunk = shipper.ship(new ChunkedFunction<>(f));
    assertThat(chunk.classes()).extracting(ClassFile::name).allMatch(n -> n.startsWith("REPL.$JShell$")).isNotEmpty();
    assertThat(chunk.statics()).extracting(StaticValue::fieldName).containsExactly("k");
    assertThat(new EmulatedEngine().run(chunk, java.util.List.of(1, 2, 3))).isEqualTo(java.util.List.of(5, 10, 15));
  }

  /** Issue 10.1: a variable declared again with the same type lives in JShell's next generation of its wrapper. */
  @Test
  void aVariableDeclaredAgainShipsWhatItsLambdaReadsOnly() throws Exception {
    eval(repl,
        "Object lock = new Object();",
        "int n = 4;",
        "SerializableFunction<Integer,Integer> f = lock == null ? null : x -> x + n;",
        "SerializableFunction<Integer,Integer> f = lock == null ? null : x -> x * n;");
    ShippedFunction shipped = shipper.ship(fn("f"));
    assertThat(shipped.classes()).extracting(ClassFile::name).anyMatch(c -> c.matches("REPL\\.\\$JShell\\$\\d+B"));
    assertThat(shipped.statics()).extracting(StaticValue::fieldName).containsExactly("n");
    assertThat(new EmulatedEngine().run(shipped, 3)).isEqualTo(12);
  }

  @Test
  void variablesOnlyTheEnclosingSnippetReadsAreNotSnapshotted() throws Exception {
    eval(repl,
        "Object lock = new Object();",
        "int n = 4;",
        "SerializableFunction<Integer,Integer> h = lock != null ? x -> x + 1 : null;",
        "SerializableFunction<Integer,Integer> h2 = "
            + "java.util.List.of(1, 2).stream().map(i -> i + n + lock.hashCode()).count() > 0 ? x -> x + n : null;");

    ShippedFunction h = shipper.ship(fn("h"));
    assertThat(h.statics()).isEmpty();
    assertThat(new EmulatedEngine().run(h, 1)).isEqualTo(2);

    ShippedFunction h2 = shipper.ship(fn("h2"));
    assertThat(h2.statics()).extracting(StaticValue::fieldName).containsExactly("n");
    assertThat(new EmulatedEngine().run(h2, 1)).isEqualTo(5);
  }

  @Test
  void replMethodReadingAVariableIsFollowed() throws Exception {
    eval(repl,
        "double rate = 0.5;",
        "double scaled(double v) { return v * rate; }",
        "SerializableFunction<Double,Double> s = v -> scaled(v) + 1;");
    ShippedFunction shipped = shipper.ship(fn("s"));
    assertThat(shipped.statics()).extracting(StaticValue::describe).containsExactly("REPL variable 'rate'");
    assertThat(new EmulatedEngine().run(shipped, 4.0)).isEqualTo(3.0);
  }

  @Test
  void replClassMethodsAreWalkedForVariablesTheyRead() throws Exception {
    eval(repl,
        "int offset = 100;",
        "interface Shape extends java.io.Serializable { int area(); }",
        "class Sq implements Shape { final int s; Sq(int s) { this.s = s; } public int area() { return s * s + offset; } }",
        "SerializableFunction<Integer,Integer> a = x -> { Shape shape = new Sq(x); return shape.area(); };");
    ShippedFunction shipped = shipper.ship(fn("a"));
    assertThat(shipped.statics()).extracting(StaticValue::fieldName).containsExactly("offset");
    assertThat(new EmulatedEngine().run(shipped, 3)).isEqualTo(109);
  }

  @Test
  void twoSessionsWithTheSameClassNamesAreNotConfused() throws Exception {
    eval(repl, "int k = 3;", "SerializableFunction<Integer,Integer> f = x -> x * k;");
    try (ReplJShell other = ReplJShell.create()) {
      eval(other, "import io.jparallel.fn.*;", "int k = 3;", "SerializableFunction<Integer,Integer> f = x -> x - k;");
      ShippedFunction mine = shipper.ship(fn("f"));
      ShippedFunction theirs = shipper.ship((Invocable) other.valueOf("f"));
      assertThat(mine.classes().get(0).name()).isEqualTo(theirs.classes().get(0).name());
      assertThat(mine.classes().get(0).hash()).isNotEqualTo(theirs.classes().get(0).hash());
      assertThat(new EmulatedEngine().run(mine, 5)).isEqualTo(15);
      assertThat(new EmulatedEngine().run(theirs, 5)).isEqualTo(2);
    }
  }
}
