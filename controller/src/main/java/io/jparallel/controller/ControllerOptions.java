package io.jparallel.controller;

import io.jparallel.controller.records.DbConfig;

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
 *     (ignored by {@link Scheme#PURE})
 * @param heartbeatMs heartbeat period; an engine is dead after three missed beats
 * @param resultBytes bytes of task replies (and requests) kept for {@code rc.result} and
 *     {@code rc.resubmit} ({@code --result-limit}) before the longest-retrieved are evicted
 * @param records completed task records kept in memory for {@code after} dependencies
 * @param curve CurveZMQ on every socket even on loopback (beyond loopback it is always on)
 * @param db where task records are written ({@code --db}): a SQLite file, memory, or nowhere
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
    boolean curve,
    DbConfig db) {

  /** {@code --result-limit}'s default: 1 GiB. */
  public static final long DEFAULT_RESULT_LIMIT = 1L << 30;

  /** Defaults: loopback, leastload, adaptive credit, results up to 1 GiB, records in memory. */
  public static ControllerOptions defaults(String clusterId) {
    return new ControllerOptions("127.0.0.1", 0, 0, null, clusterId, Scheme.LEASTLOAD, 0, 1000, DEFAULT_RESULT_LIMIT,
        100_000, false, DbConfig.memory());
  }

  public ControllerOptions withCurve(boolean on) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, on, db);
  }

  public ControllerOptions withIp(String newIp) {
    return new ControllerOptions(newIp, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, curve, db);
  }

  public ControllerOptions withScheme(Scheme s) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, s, hwm, heartbeatMs, resultBytes, records, curve, db);
  }

  public ControllerOptions withHwm(int h) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, h, heartbeatMs, resultBytes, records, curve, db);
  }

  public ControllerOptions withHeartbeatMs(int ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, ms, resultBytes, records, curve, db);
  }

  public ControllerOptions withResultBytes(long limit) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, limit, records, curve, db);
  }

  public ControllerOptions withDb(DbConfig config) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, curve,
        config);
  }
}
