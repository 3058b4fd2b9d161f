package io.jparallel.serialize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes descriptors written by {@link PayloadWriter} from the buffers of a verified
 * message. Java-serialized values are read only from signed buffers, through
 * {@link SafeObjectInput}; raw frames are only ever copied into primitive arrays.
 */
public final class PayloadReader {
  private final List<byte[]> buffers;
  private final int signedCount;
  private final ClassLoader loader;

  public PayloadReader(List<byte[]> buffers, int signedCount, ClassLoader loader) {
    this.buffers = buffers;
    this.signedCount = signedCount;
    this.loader = loader;
  }

  public Object read(JsonNode d) throws IOException {
    String t = d.path("t").asText("");
    switch (t) {
      case "null":
        return null;
      case "str":
        return d.path("v").asText();
      case "int":
        return d.path("v").asInt();
      case "long":
        return d.path("v").asLong();
      case "double":
        return Double.longBitsToDouble(d.path("v").asLong());
      case "bool":
        return d.path("v").asBoolean();
      case "bytes":
        return rawBuffer(d);
      case "bytebuffer":
        return ByteBuffer.wrap(rawBuffer(d));
      case "java":
        return SafeObjectInput.read(signedBuffer(d.path("s").asInt(-1)), loader);
      default:
        Object array = PrimitiveArrays.fromBytes(t, rawBuffer(d));
        if (array == null) {
          throw new IOException("unknown value kind '" + t + "'");
        }
        return array;
    }
  }

  /** A signed buffer by index; raw buffers are never handed out for interpretation. */
  public byte[] signedBuffer(int index) throws IOException {
    if (index < 0 || index >= signedCount) {
      throw new IOException("signed buffer " + index + " missing (message has " + signedCount + ")");
    }
    return buffers.get(index);
  }

  private byte[] rawBuffer(JsonNode d) throws IOException {
    int index = signedCount + d.path("r").asInt(-1);
    if (index < signedCount || index >= buffers.size()) {
      throw new IOException("raw buffer " + d.path("r") + " missing");
    }
    return buffers.get(index);
  }
}
