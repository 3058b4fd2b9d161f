package io.jparallel.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The dashboard's random token, as Jupyter's: it is in the URL the dashboard prints, and
 * every request must carry it ({@code ?token=...}) or get 403 and nothing else.
 */
final class AccessToken {
  private final String value;

  AccessToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    this.value = HexFormat.of().formatHex(b);
  }

  String value() {
    return value;
  }

  /** Constant-time comparison: how long it takes says nothing about how much matched. */
  boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }
}
