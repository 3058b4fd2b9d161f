package io.jparallel.wire;

import java.net.InetAddress;

/**
 * The one liveness policy of the project. A peer is dead only when it is: its process exited
 * (seen at once on its own host), its connection closed (for {@link #CLOSED_GRACE_MS}, which
 * rides over JeroMQ's reconnects), or nothing was heard from it, heartbeats included, for the
 * heartbeat timeout. Any message counts as a sign of life. Heartbeats travel on a {@link Heart}
 * of their own, so no queue of tasks, large transfer or busy task can delay them.
 *
 * @param periodMs how often peers beat
 * @param timeoutMs silence after which the controller declares an engine dead (and an engine
 *     gives up on its controller); {@code --heartbeat-timeout}
 */
public record Liveness(long periodMs, long timeoutMs) {
  public static final long DEFAULT_PERIOD_MS = 1000;
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  /** A connection that stays closed this long means its peer is gone. */
  public static final long CLOSED_GRACE_MS = 1000;
  /** A client gives up on a controller it has not heard for this long (at most the heartbeat timeout). */
  public static final long CLIENT_TIMEOUT_MS = 5000;

  public Liveness {
    periodMs = Math.max(10, Math.min(60_000, periodMs));
    timeoutMs = Math.max(2 * periodMs, Math.min(3_600_000, timeoutMs));
  }

  public static Liveness defaults() {
    return new Liveness(DEFAULT_PERIOD_MS, DEFAULT_TIMEOUT_MS);
  }

  /** Why a peer last heard at {@code lastHeardNanos} whose connection closed at {@code closedNanos} (0: open) is dead, or null. */
  public String deadBecause(long nowNanos, long lastHeardNanos, long closedNanos) {
    if (closedNanos != 0 && closedNanos - lastHeardNanos > 0 && nowNanos - closedNanos > CLOSED_GRACE_MS * 1_000_000L) {
      return "its connection closed";
    }
    long silent = nowNanos - lastHeardNanos;
    if (silent > timeoutMs * 1_000_000L) {
      return "nothing heard from it for " + silent / 1_000_000_000L + " s (heartbeat timeout " + timeoutMs / 1000.0 + " s)";
    }
    return null;
  }

  /** The clients' view: the same, with a silence limit of {@link #CLIENT_TIMEOUT_MS} at most. */
  public Liveness forClients() {
    return new Liveness(periodMs, Math.min(timeoutMs, CLIENT_TIMEOUT_MS));
  }

  /** This host's name, as engines report it at registration (so a local engine's pid can be watched). */
  public static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }
}
