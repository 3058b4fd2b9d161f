package example.userapp;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A second user class, reached only through {@link Pricing}'s constant pool. */
final class Rounding {
  private Rounding() {}

  static double round(double value, int digits) {
    return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
  }
}
