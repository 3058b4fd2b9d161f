package io.jparallel.controller;

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
 * @param resultBytes bytes of task replies kept for {@code result_request} before the oldest are evicted
 * @param records completed task records kept
 * @param curve CurveZMQ on every socket even on loopback (beyond loopback it is always on)
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
    boolean curve) {

  public static ControllerOptions defaults(String clusterId) {
    return new ControllerOptions("127.0.0.1", 0, 0, null, clusterId, Scheme.LEASTLOAD, 0, 1000, 64L << 20, 100_000, false);
  }

  public ControllerOptions withCurve(boolean on) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, on);
  }

  public ControllerOptions withIp(String newIp) {
    return new ControllerOptions(newIp, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, curve);
  }

  public ControllerOptions withScheme(Scheme s) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, s, hwm, heartbeatMs, resultBytes, records, curve);
  }

  public ControllerOptions withHwm(int h) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, h, heartbeatMs, resultBytes, records, curve);
  }

  public ControllerOptions withHeartbeatMs(int ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, ms, resultBytes, records, curve);
  }
}
