package io.jparallel.timing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code "%.*g"} and {@code "%.*f"} for doubles, so numbers print exactly as IPython
 * prints them: rounding is done on the exact binary value, ties to even (as C's printf), and
 * {@code %g} strips trailing zeros and switches to {@code 1e+03} form when the exponent is
 * below -4 or at least the precision.
 */
public final class PyFormat {
  private PyFormat() {}

  /** Python's {@code "%.{precision}g" % value}. */
  public static String g(double value, int precision) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    int p = Math.max(precision, 1);
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    String sign = value < 0 ? "-" : "";
    BigDecimal rounded = new BigDecimal(Math.abs(value)).round(new MathContext(p, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal stripped = rounded.stripTrailingZeros();
    if (exponent >= -4 && exponent < p) {
      return sign + stripped.toPlainString();
    }
    String digits = stripped.unscaledValue().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = String.format("%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }

  /** Python's {@code "%.{decimals}f" % value}. */
  public static String f(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return g(value, 1);
    }
    return new BigDecimal(value).setScale(Math.max(decimals, 0), RoundingMode.HALF_EVEN).toPlainString();
  }

  /** An integer with ',' thousands separators, as Python's {@code "{:,}"}. */
  public static String grouped(long value) {
    return String.format(java.util.Locale.ROOT, "%,d", value);
  }
}
