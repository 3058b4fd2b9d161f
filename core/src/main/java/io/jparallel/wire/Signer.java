package io.jparallel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC over the frames of a message, as in the Jupyter wire protocol (lowercase hex),
 * extended for jparallel's own sockets to cover signed buffers and the count of raw
 * (unsigned) trailing buffers. Verification compares in constant time.
 *
 * <p>jparallel's connection files always sign with HMAC-SHA256 ({@link #of}); a Jupyter
 * connection file may name another {@code hmac-*} scheme or an empty key, which Jupyter
 * takes to mean that messages are not signed ({@link #forJupyter}).
 *
 * <p>Not thread-safe: each socket-owning thread makes its own with {@link #copy()}.
 */
public final class Signer {
  public static final String SCHEME = "hmac-sha256";
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_SUFFIX = new byte[0];

  private final String algorithm;
  private final byte[] key;
  private final Mac mac;
  private final int hexLength;
  /** The last MAC computed (one signer per thread). */
  private final byte[] digest;

  private Signer(String algorithm, byte[] key) {
    this.algorithm = algorithm;
    this.key = key.clone();
    if (key.length == 0) {
      mac = null;
      hexLength = 0;
      digest = new byte[0];
      return;
    }
    try {
      mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(this.key, algorithm));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
    hexLength = 2 * mac.getMacLength();
    digest = new byte[mac.getMacLength()];
  }

  /** HMAC-SHA256 with {@code key}, which must not be empty. */
  public Signer(byte[] key) {
    this("HmacSHA256", requireKey(key));
  }

  public static Signer of(String key) {
    return new Signer(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The signer of a Jupyter connection file: {@code scheme} as it names it ({@code hmac-sha256}
   * when blank); an empty {@code key} means messages are neither signed nor checked.
   */
  public static Signer forJupyter(String scheme, String key) {
    String s = scheme == null || scheme.isBlank() ? SCHEME : scheme.strip().toLowerCase(Locale.ROOT);
    if (!s.startsWith("hmac-")) {
      throw new IllegalArgumentException("unsupported signature scheme " + scheme + " (expected " + SCHEME + ")");
    }
    String algorithm = "Hmac" + s.substring("hmac-".length()).toUpperCase(Locale.ROOT);
    return new Signer(algorithm, key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] requireKey(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("an HMAC key is required");
    }
    return key;
  }

  /** False for a Jupyter connection without a key: signatures are empty and not checked. */
  public boolean signs() {
    return mac != null;
  }

  public Signer copy() {
    return new Signer(algorithm, key);
  }

  /**
   * Signature frame content: the lowercase hex digest, followed by {@code ":" + rawCount}
   * when raw buffers trail the signed ones; empty when this signer {@link #signs() does not sign}.
   */
  public byte[] sign(List<byte[]> signedFrames, int rawCount) {
    return sign(Parts.of(signedFrames), rawCount);
  }

  /** As {@link #sign(List, int)} over parts where they lie. */
  byte[] sign(Parts parts, int rawCount) {
    if (mac == null) {
      return new byte[0];
    }
    update(parts);
    return signature(rawCount);
  }

  /**
   * Whether {@code signature} is the signature of the frames, compared in constant time (in
   * lowercase hex, as every Jupyter client sends it). Always true when this signer does not sign.
   */
  public boolean verify(byte[] signature, List<byte[]> signedFrames, int rawCount) {
    return verify(signature, Parts.of(signedFrames), rawCount);
  }

  /** As {@link #verify(byte[], List, int)} over parts where they lie. */
  boolean verify(byte[] signature, Parts parts, int rawCount) {
    if (mac == null) {
      return true;
    }
    update(parts);
    return matches(signature, rawCount);
  }

  /** Adds bytes to the signature being computed ({@link #signature} or {@link #matches} ends it). */
  void update(byte[] bytes, int offset, int length) {
    if (mac != null) {
      mac.update(bytes, offset, length);
    }
  }

  private void update(Parts parts) {
    for (int i = 0, n = parts.size(); i < n; i++) {
      mac.update(parts.array(i), parts.offset(i), parts.length(i));
    }
  }

  /** Ends the signature of what was {@link #update added}: its frame's bytes. */
  byte[] signature(int rawCount) {
    if (mac == null) {
      return new byte[0];
    }
    byte[] suffix = digest(rawCount);
    byte[] out = new byte[hexLength + suffix.length];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
    }
    System.arraycopy(suffix, 0, out, hexLength, suffix.length);
    return out;
  }

  /** Ends the signature of what was {@link #update added}: whether {@code signature} is it, in constant time. */
  boolean matches(byte[] signature, int rawCount) {
    if (mac == null) {
      return true;
    }
    byte[] suffix = digest(rawCount); // always, so the MAC starts afresh for the next message
    if (signature == null || signature.length != hexLength + suffix.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < digest.length; i++) {
      diff |= signature[2 * i] ^ HEX_DIGITS[(digest[i] >> 4) & 0xf];
      diff |= signature[2 * i + 1] ^ HEX_DIGITS[digest[i] & 0xf];
    }
    for (int i = 0; i < suffix.length; i++) {
      diff |= signature[hexLength + i] ^ suffix[i];
    }
    return diff == 0;
  }

  /** Finishes the MAC into {@link #digest}; returns the signature's suffix ({@code ":" + rawCount}, or none). */
  private byte[] digest(int rawCount) {
    byte[] suffix = NO_SUFFIX;
    if (rawCount > 0) {
      mac.update(("raw:" + rawCount).getBytes(StandardCharsets.US_ASCII));
      suffix = (":" + rawCount).getBytes(StandardCharsets.US_ASCII);
    }
    try {
      mac.doFinal(digest, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    return suffix;
  }

  /** Parses the raw-buffer count from a signature frame; -1 if the frame is malformed. */
  public int rawCount(byte[] signature) {
    if (mac == null || signature == null || signature.length < hexLength) {
      return -1;
    }
    if (signature.length == hexLength) {
      return 0;
    }
    if (signature[hexLength] != ':' || signature.length > hexLength + 1 + 9) {
      return -1;
    }
    int n = 0;
    for (int i = hexLength + 1; i < signature.length; i++) {
      int d = signature[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      n = n * 10 + d;
    }
    return signature.length == hexLength + 1 ? -1 : n;
  }
}
