package example.userapp;

import io.jparallel.fn.SerializableFunction;

/** A plain-Java user class outside the API's packages, as an application's own code would be. */
public final class Pricing {
  /** Not snapshotted: a plain-Java class initialises its statics itself on the engine. */
  static int currencyDigits = 2;

  private Pricing() {}

  public static SerializableFunction<Double, Double> withTax(double rate) {
    return price -> Rounding.round(price * (1 + rate), currencyDigits);
  }

  /** A non-lambda function object. */
  public record Discount(double percent) implements SerializableFunction<Double, Double> {
    @Override
    public Double apply(Double price) {
      return Rounding.round(price * (100 - percent) / 100, 2);
    }
  }
}
