package io.jparallel.client.shipping;

import java.util.List;

/**
 * What an {@code apply_request} needs to run a function on an engine that never saw its
 * code: the Java-serialized function ({@code fn}), its hash ({@code fn_hash}), the user
 * classes it needs ({@code classes}, each sent once per engine) and the statics snapshot
 * taken at ship time ({@code statics}). {@code bytes} is shared between shipments of the
 * same function object and must not be modified.
 */
public record ShippedFunction(byte[] bytes, String fnHash, List<ClassFile> classes, List<StaticValue> statics) {

  public ShippedFunction {
    classes = List.copyOf(classes);
    statics = List.copyOf(statics);
  }

  @Override
  public String toString() {
    return "ShippedFunction[" + bytes.length + " bytes, fnHash=" + fnHash.substring(0, 12)
        + ", classes=" + classes.stream().map(ClassFile::name).toList() + ", statics=" + statics + "]";
  }
}
