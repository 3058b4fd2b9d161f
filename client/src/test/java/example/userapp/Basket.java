package example.userapp;

import java.io.Serializable;

/** A value class no test names in its code: reached only through values sent with a function. */
public record Basket(double total) implements Serializable {
  public double rounded() {
    return Rounding.round(total, 2);
  }
}
