package io.jparallel.bench;

/** The project version, from the jar manifest when there is one. */
final class Version {
  private Version() {}

  static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
