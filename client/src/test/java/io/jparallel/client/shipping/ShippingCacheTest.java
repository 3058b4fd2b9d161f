package io.jparallel.client.shipping;

import static io.jparallel.client.shipping.Snippets.eval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.fn.Invocable;
import io.jparallel.fn.SerializableFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ShippingCacheTest {
  private final FunctionShipper shipper = new FunctionShipper();

  @Test
  void sameLambdaIsSerializedAndAnalysedOnceButStaticsAreReadEachTime() throws Exception {
    try (ReplJShell repl = ReplJShell.create()) {
      eval(repl, "import io.jparallel.fn.*;", "int k = 0;", "SerializableFunction<Integer,Integer> f = x -> x * k;");
      Invocable f = (Invocable) repl.valueOf("f");
      ShippedFunction first = shipper.ship(f);
      for (int i = 1; i < 4096; i++) {
        ShippedFunction again = shipper.ship(f);
        assertThat(again.bytes()).isSameAs(first.bytes());
        assertThat(again.classes()).isSameAs(first.classes());
      }
      eval(repl, "k = 7;");
      ShippedFunction later = shipper.ship(f);
      assertThat(later.bytes()).isSameAs(first.bytes());
      assertThat(later.statics()).extracting(StaticValue::value).containsExactly(7);
      assertThat(new EmulatedEngine().run(later, 3)).isEqualTo(21);
    }
  }

  @Test
  void concurrentShipsOfOneLambdaAgree() throws Exception {
    SerializableFunction<Integer, Integer> f = x -> x * 2;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ShippedFunction>> jobs = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        jobs.add(() -> shipper.ship(f));
      }
      String hash = shipper.ship(f).fnHash();
      for (Future<ShippedFunction> shipped : pool.invokeAll(jobs)) {
        assertThat(shipped.get().fnHash()).isEqualTo(hash);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLambdaCapturingAMutableObjectIsSerializedAnewEachTime() throws Exception {
    ArrayList<Integer> addends = new ArrayList<>(List.of(1));
    SerializableFunction<Integer, Integer> f = x -> x + addends.stream().mapToInt(Integer::intValue).sum();
    ShippedFunction first = shipper.ship(f);
    addends.add(10);
    ShippedFunction second = shipper.ship(f);
    assertThat(second.bytes()).isNotSameAs(first.bytes());
    assertThat(new EmulatedEngine().run(first, 0)).isEqualTo(1);
    assertThat(new EmulatedEngine().run(second, 0)).isEqualTo(11);
  }
}
