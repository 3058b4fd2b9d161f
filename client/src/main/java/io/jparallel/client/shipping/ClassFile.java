package io.jparallel.client.shipping;

import io.jparallel.wire.ContentHash;
import java.util.Objects;

/**
 * One class file to ship: binary name (e.g. {@code REPL.$JShell$7$P}), lowercase hex
 * SHA-256 of the bytes, and the bytes (shared, never to be modified). Equality is by name
 * and hash.
 */
public record ClassFile(String name, String hash, byte[] bytes) {

  public ClassFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(bytes, "bytes");
  }

  static ClassFile of(String name, byte[] bytes) {
    return new ClassFile(name, ContentHash.sha256Hex(bytes), bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassFile other && name.equals(other.name) && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + hash.hashCode();
  }

  @Override
  public String toString() {
    return "ClassFile[" + name + ", " + hash.substring(0, 12) + ", " + bytes.length + " bytes]";
  }
}
