package io.jparallel.controller;

import java.util.Locale;

/** How the load-balanced scheduler picks an engine, as IPython parallel's schemes do. */
public enum Scheme {
  /** Fewest tasks outstanding, least recently used on ties (the default). */
  LEASTLOAD,
  /** Least recently assigned engine that has a free slot. */
  LRU,
  /** A random engine that has a free slot. */
  RANDOM,
  /** Fair round-robin with no slot limit (IPython's "pure" ZMQ queue); {@code after} still applies. */
  PURE;

  public static Scheme parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown scheme '" + name + "' (leastload, lru, random or pure)");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
