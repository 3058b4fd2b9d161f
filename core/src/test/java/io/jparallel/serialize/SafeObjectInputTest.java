package io.jparallel.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The allow-list: JDK value types pass, anything else is refused before it exists, bombs are defused. */
class SafeObjectInputTest {
  private static byte[] bytes(Object v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(v);
    }
    return out.toByteArray();
  }

  private static Object read(Object v) throws IOException {
    return SafeObjectInput.read(bytes(v), SafeObjectInputTest.class.getClassLoader());
  }

  @Test
  void jdkValueTypesAndTheirCollectionsPass() throws Exception {
    List<Object> values = List.of(new HashMap<>(Map.of("a", 1)), new HashSet<>(Set.of(1, 2)),
        new LinkedHashMap<>(Map.of("k", List.of(1))), new TreeMap<>(Map.of("x", 2)), List.of(1, 2, 3), Set.of(1),
        Map.of("a", 1), new ArrayList<>(List.of("s")), new ArrayDeque<>(List.of(1)).size(),
        Collections.unmodifiableList(new ArrayList<>(List.of(1))), Arrays.asList(1, 2),
        new ConcurrentHashMap<>(Map.of(1, 2)), EnumSet.of(DayOfWeek.MONDAY), new EnumMap<>(Map.of(DayOfWeek.MONDAY, 1)),
        Duration.ofSeconds(3), Instant.ofEpochSecond(5), LocalDate.of(2020, 1, 2), new java.math.BigDecimal("1.5"),
        UUID.randomUUID());
    for (Object v : values) {
      assertThat(read(v)).as(v.getClass().getName()).isEqualTo(v);
    }
    assertThat((int[][]) read(new int[][] {{1, 2}})).isDeepEqualTo(new int[][] {{1, 2}});
  }

  @Test
  void aClassOffTheListIsRefusedEvenWhenItExtendsAnAllowedOne() {
    assertThatThrownBy(() -> read(new javax.print.attribute.standard.PrinterStateReasons()))
        .isInstanceOf(IOException.class).hasMessageContaining("PrinterStateReasons");
  }

  @Test
  void aNestedHashSetBombIsRefusedQuickly() {
    Set<Object> root = Bombs.hashSetBomb(100);
    assertThatThrownBy(() -> read(root)).isInstanceOf(IOException.class).hasMessageContaining("bomb");
  }
}
