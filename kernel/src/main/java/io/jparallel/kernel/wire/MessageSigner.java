package io.jparallel.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of the Jupyter wire protocol: hex of HMAC(key, header | parent | metadata |
 * content). An empty key means the connection is unauthenticated (Jupyter's convention):
 * the signature is empty and not checked. Verification compares in constant time.
 * Thread-safe (one {@link Mac} per thread).
 */
public final class MessageSigner {
  private static final HexFormat HEX = HexFormat.of();

  private final boolean enabled;
  private final ThreadLocal<Mac> mac;

  private MessageSigner(String algorithm, byte[] key) {
    this.enabled = key.length > 0;
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance(algorithm);
        m.init(new SecretKeySpec(enabled ? key : new byte[1], algorithm));
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot create " + algorithm, e);
      }
    });
    mac.get(); // fail now, not on the first message
  }

  /** {@code scheme} as in a connection file ({@code hmac-sha256}); {@code key} may be empty. */
  public static MessageSigner of(String scheme, String key) {
    String s = scheme == null || scheme.isBlank() ? "hmac-sha256" : scheme.trim().toLowerCase(java.util.Locale.ROOT);
    if (!s.startsWith("hmac-")) {
      throw new IllegalArgumentException("unsupported signature scheme " + scheme + " (expected hmac-sha256)");
    }
    String algorithm = "Hmac" + s.substring("hmac-".length()).toUpperCase(java.util.Locale.ROOT);
    return new MessageSigner(algorithm, key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8));
  }

  public boolean enabled() {
    return enabled;
  }

  /** The hex signature of the four JSON frames (empty when signing is off). */
  public byte[] sign(List<byte[]> parts) {
    if (!enabled) {
      return new byte[0];
    }
    Mac m = mac.get();
    for (byte[] p : parts) {
      m.update(p);
    }
    return HEX.formatHex(m.doFinal()).getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether {@code signature} is the signature of {@code parts}; constant time in the content. */
  public boolean verify(byte[] signature, List<byte[]> parts) {
    if (!enabled) {
      return true;
    }
    return MessageDigest.isEqual(sign(parts), signature); // lower-case hex, as every Jupyter client sends
  }
}
