package io.jparallel.serialize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import io.jparallel.wire.Frames;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes descriptors written by {@link PayloadWriter} from the buffers of a verified
 * message. Java-serialized values are read only from signed buffers, through
 * {@link SafeObjectInput}; raw frames are only ever copied into primitive arrays.
 */
public final class PayloadReader {
  private final List<byte[]> signed;
  private final List<ByteBuffer> raw;
  private final ClassLoader loader;

  public PayloadReader(List<byte[]> signed, List<ByteBuffer> raw, ClassLoader loader) {
    this.signed = signed;
    this.raw = raw;
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
        return Frames.bytes(rawBuffer(d));
      case "bytebuffer": {
        ByteBuffer frame = rawBuffer(d); // a pooled frame is reused once released: hand out a copy
        return frame.isDirect() ? ByteBuffer.wrap(Frames.bytes(frame)) : frame;
      }
      case "java":
        return SafeObjectInput.read(signedBuffer(d.path("s").asInt(-1)), loader);
      default:
        Object array = PrimitiveArrays.fromBuffer(t, rawBuffer(d));
        if (array == null) {
          throw new IOException("unknown value kind '" + t + "'");
        }
        return array;
    }
  }

  /** A signed buffer by index; raw buffers are never handed out for interpretation. */
  public byte[] signedBuffer(int index) throws IOException {
    if (index < 0 || index >= signed.size()) {
      throw new IOException("signed buffer " + index + " missing (message has " + signed.size() + ")");
    }
    return signed.get(index);
  }

  private ByteBuffer rawBuffer(JsonNode d) throws IOException {
    int index = d.path("r").asInt(-1);
    if (index < 0 || index >= raw.size()) {
      throw new IOException("raw buffer " + d.path("r") + " missing");
    }
    return raw.get(index).duplicate();
  }
}
