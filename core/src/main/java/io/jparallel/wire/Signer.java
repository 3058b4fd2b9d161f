package io.jparallel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the frames of a message, as in the Jupyter wire protocol, extended to
 * cover signed buffers and the count of raw (unsigned) trailing buffers.
 *
 * <p>Not thread-safe: each socket-owning thread makes its own with {@link #copy()}.
 */
public final class Signer {
  public static final String SCHEME = "hmac-sha256";

  private final byte[] key;
  private final Mac mac;

  public Signer(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("an HMAC key is required");
    }
    this.key = key.clone();
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  public static Signer of(String key) {
    return new Signer(key.getBytes(StandardCharsets.US_ASCII));
  }

  public Signer copy() {
    return new Signer(key);
  }

  /**
   * Signature frame content: 64 lowercase hex digits, followed by {@code ":" + rawCount}
   * when raw buffers trail the signed ones.
   */
  public byte[] sign(List<byte[]> signedFrames, int rawCount) {
    byte[] digest = digest(signedFrames, rawCount);
    String hex = HexFormat.of().formatHex(digest);
    if (rawCount > 0) {
      hex = hex + ":" + rawCount;
    }
    return hex.getBytes(StandardCharsets.US_ASCII);
  }

  /** Constant-time check of a signature over the given frames. */
  public boolean verify(byte[] signature, List<byte[]> signedFrames, int rawCount) {
    if (signature == null || signature.length < 64) {
      return false;
    }
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(new String(signature, 0, 64, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, digest(signedFrames, rawCount));
  }

  /** Parses the raw-buffer count from a signature frame; -1 if the frame is malformed. */
  public static int rawCount(byte[] signature) {
    if (signature == null || signature.length < 64) {
      return -1;
    }
    if (signature.length == 64) {
      return 0;
    }
    if (signature[64] != ':' || signature.length > 64 + 1 + 9) {
      return -1;
    }
    int n = 0;
    for (int i = 65; i < signature.length; i++) {
      int d = signature[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      n = n * 10 + d;
    }
    return signature.length == 65 ? -1 : n;
  }

  private byte[] digest(List<byte[]> frames, int rawCount) {
    for (byte[] f : frames) {
      mac.update(f);
    }
    if (rawCount > 0) {
      mac.update(("raw:" + rawCount).getBytes(StandardCharsets.US_ASCII));
    }
    return mac.doFinal();
  }
}
