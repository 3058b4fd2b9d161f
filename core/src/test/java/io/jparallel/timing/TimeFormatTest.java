package io.jparallel.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values produced by IPython's _format_time itself. */
class TimeFormatTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.00000123 | 1.23 µs",
      "0.0456     | 45.6 ms",
      "12.3       | 12.3 s",
      "0          | 0 ns",
      "1e-12      | 0.001 ns",
      "0.0009999  | 1e+03 µs",
      "0.9999     | 1e+03 ms",
      "59.99      | 60 s",
      "60         | 1min",
      "61.5       | 1min 1s",
      "3600       | 1h",
      "3725.2     | 1h 2min 5s",
      "90061      | 1d 1h 1min 1s",
      "1.0        | 1 s",
      "0.001      | 1 ms",
      "1.23456e-7 | 123 ns",
      "5e-10      | 0.5 ns",
      "0.0001     | 100 µs",
      "0.2        | 200 ms",
      "0.002675   | 2.67 ms",
  })
  void matchesIpython(double seconds, String expected) {
    assertThat(TimeFormat.format(seconds)).isEqualTo(expected);
  }

  @Test
  void precision() {
    assertThat(TimeFormat.format(0.00000123, 2)).isEqualTo("1.2 µs");
    assertThat(TimeFormat.format(1.23456e-7, 2)).isEqualTo("1.2e+02 ns");
    assertThat(TimeFormat.format(0.0456, 5)).isEqualTo("45.6 ms");
  }

  @Test
  void usesTheMicroSign() {
    assertThat(TimeFormat.format(2e-6)).isEqualTo("2 \u00b5s");
  }

  @Test
  void pythonNumberFormats() {
    assertThat(PyFormat.g(1e-5, 3)).isEqualTo("1e-05");
    assertThat(PyFormat.g(123456789.0, 3)).isEqualTo("1.23e+08");
    assertThat(PyFormat.g(0.00001234, 3)).isEqualTo("1.23e-05");
    assertThat(PyFormat.g(999.5, 3)).isEqualTo("1e+03");
    assertThat(PyFormat.g(1e16, 3)).isEqualTo("1e+16");
    assertThat(PyFormat.g(-0.5, 3)).isEqualTo("-0.5");
    assertThat(PyFormat.f(0.125, 2)).isEqualTo("0.12");
    assertThat(PyFormat.f(0.375, 2)).isEqualTo("0.38");
    assertThat(PyFormat.f(2.675, 2)).isEqualTo("2.67");
    assertThat(PyFormat.f(1.005, 2)).isEqualTo("1.00");
    assertThat(PyFormat.f(5.125, 2)).isEqualTo("5.12");
    assertThat(PyFormat.grouped(100000)).isEqualTo("100,000");
  }
}
