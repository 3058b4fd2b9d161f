package io.jparallel.controller;

import io.jparallel.controller.records.DbConfig;
import io.jparallel.wire.Liveness;
import io.jparallel.wire.Sockets;

/**
 * Settings of a controller.
 *
 * @param ip address to bind (127.0.0.1 unless told otherwise)
 * @param clientPort port of the client socket, 0 for any free port
 * @param enginePort port of the engine socket, 0 for any free port
 * @param key HMAC key; null makes a new random one
 * @param clusterId names the connection files and the processes of this cluster
 * @param scheme load-balancing scheme
 * @param hwm tasks an engine may hold at once, or 0 for adaptive credit by task run time
 *     (ignored by {@link Scheme#PURE} for load-balanced tasks)
 * @param heartbeatMs heartbeat period
 * @param resultBytes bytes of task replies (and requests) kept for {@code rc.result} and
 *     {@code rc.resubmit} ({@code --result-limit}) before the longest-retrieved are evicted
 * @param records completed task records kept in memory for {@code after} dependencies
 * @param heartbeatTimeoutMs an engine not heard for this long is dead ({@code --heartbeat-timeout})
 * @param noEnginesTimeoutMs with no engine registered for this long, waiting tasks fail
 *     ({@code --no-engines-timeout}); also how long direct tasks wait for a dead engine's replacement
 * @param maxMessage the largest message any socket accepts ({@code --max-message})
 * @param curve CurveZMQ on every socket even on loopback (beyond loopback it is always on)
 * @param db where task records go ({@code --db sqlite|memory|none})
 */
public record ControllerOptions(
    String ip,
    int clientPort,
    int enginePort,
    String key,
    String clusterId,
    Scheme scheme,
    int hwm,
    int heartbeatMs,
    long resultBytes,
    int records,
    long heartbeatTimeoutMs,
    long noEnginesTimeoutMs,
    long maxMessage,
    boolean curve,
    DbConfig db) {

  public static final long DEFAULT_NO_ENGINES_TIMEOUT_MS = 30_000;
  /** {@code --result-limit}'s default: 1 GiB. */
  public static final long DEFAULT_RESULT_LIMIT = 1L << 30;

  /** Defaults: loopback, leastload, adaptive credit, results up to 1 GiB, records in memory. */
  public static ControllerOptions defaults(String clusterId) {
    return new ControllerOptions("127.0.0.1", 0, 0, null, clusterId, Scheme.LEASTLOAD, 0,
        (int) Liveness.DEFAULT_PERIOD_MS, DEFAULT_RESULT_LIMIT, 100_000, Liveness.DEFAULT_TIMEOUT_MS,
        DEFAULT_NO_ENGINES_TIMEOUT_MS, Sockets.maxMessage(), false, DbConfig.memory());
  }

  /** The liveness policy these options make. */
  public Liveness liveness() {
    return new Liveness(heartbeatMs, heartbeatTimeoutMs);
  }

  public ControllerOptions withIp(String newIp) {
    return new ControllerOptions(newIp, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve, db);
  }

  public ControllerOptions withPorts(int clients, int engines) {
    return new ControllerOptions(ip, clients, engines, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve, db);
  }

  public ControllerOptions withScheme(Scheme s) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, s, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve, db);
  }

  public ControllerOptions withHwm(int h) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, h, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve, db);
  }

  public ControllerOptions withHeartbeatMs(int ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, ms, resultBytes, records, Math.max(heartbeatTimeoutMs, 2L * ms), noEnginesTimeoutMs, maxMessage, curve, db);
  }

  public ControllerOptions withHeartbeatTimeoutMs(long ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, ms, noEnginesTimeoutMs, maxMessage, curve, db);
  }

  public ControllerOptions withNoEnginesTimeoutMs(long ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, ms, maxMessage, curve, db);
  }

  public ControllerOptions withMaxMessage(long bytes) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, bytes, curve, db);
  }

  public ControllerOptions withCurve(boolean on) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, on, db);
  }

  public ControllerOptions withResultBytes(long limit) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, limit, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve, db);
  }

  public ControllerOptions withDb(DbConfig config) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve, config);
  }
}
