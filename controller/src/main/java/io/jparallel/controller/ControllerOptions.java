package io.jparallel.controller;

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
 * @param resultBytes bytes of task replies kept for {@code result_request} before the oldest are evicted
 * @param records completed task records kept
 * @param heartbeatTimeoutMs an engine not heard for this long is dead ({@code --heartbeat-timeout})
 * @param noEnginesTimeoutMs with no engine registered for this long, waiting tasks fail
 *     ({@code --no-engines-timeout}); also how long direct tasks wait for a dead engine's replacement
 * @param maxMessage the largest message any socket accepts ({@code --max-message})
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
    long heartbeatTimeoutMs,
    long noEnginesTimeoutMs,
    long maxMessage,
    boolean curve) {

  public static final long DEFAULT_NO_ENGINES_TIMEOUT_MS = 30_000;

  public static ControllerOptions defaults(String clusterId) {
    return new ControllerOptions("127.0.0.1", 0, 0, null, clusterId, Scheme.LEASTLOAD, 0,
        (int) Liveness.DEFAULT_PERIOD_MS, 64L << 20, 100_000, Liveness.DEFAULT_TIMEOUT_MS,
        DEFAULT_NO_ENGINES_TIMEOUT_MS, Sockets.maxMessage(), false);
  }

  /** The liveness policy these options make. */
  public Liveness liveness() {
    return new Liveness(heartbeatMs, heartbeatTimeoutMs);
  }

  public ControllerOptions withIp(String newIp) {
    return new ControllerOptions(newIp, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve);
  }

  public ControllerOptions withPorts(int clients, int engines) {
    return new ControllerOptions(ip, clients, engines, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve);
  }

  public ControllerOptions withScheme(Scheme s) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, s, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve);
  }

  public ControllerOptions withHwm(int h) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, h, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, curve);
  }

  public ControllerOptions withHeartbeatMs(int ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, ms, resultBytes, records, Math.max(heartbeatTimeoutMs, 2L * ms), noEnginesTimeoutMs, maxMessage, curve);
  }

  public ControllerOptions withHeartbeatTimeoutMs(long ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, ms, noEnginesTimeoutMs, maxMessage, curve);
  }

  public ControllerOptions withNoEnginesTimeoutMs(long ms) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, ms, maxMessage, curve);
  }

  public ControllerOptions withMaxMessage(long bytes) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, bytes, curve);
  }

  public ControllerOptions withCurve(boolean on) {
    return new ControllerOptions(ip, clientPort, enginePort, key, clusterId, scheme, hwm, heartbeatMs, resultBytes, records, heartbeatTimeoutMs, noEnginesTimeoutMs, maxMessage, on);
  }
}
