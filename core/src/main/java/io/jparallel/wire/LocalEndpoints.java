package io.jparallel.wire;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.zeromq.ZContext;

/**
 * Controllers running in this JVM, by the TCP address their clients are given. A client in
 * the same JVM (the REPL, the kernel or a benchmark on a local cluster) connects over
 * {@code inproc} instead: messages pass as references, with no TCP and no copies. Messages
 * stay signed and checked exactly as over TCP. {@code -Djparallel.inproc=false} turns it off.
 */
public final class LocalEndpoints {
  /** A controller's ZeroMQ context and the inproc address of its client socket. */
  public record Local(ZContext context, String address) {}

  private static final ConcurrentHashMap<String, Local> BY_TCP_ADDRESS = new ConcurrentHashMap<>();

  private LocalEndpoints() {}

  /** Whether clients and controllers in one JVM meet over inproc (default true). */
  public static boolean enabled() {
    return !"false".equals(System.getProperty("jparallel.inproc"));
  }

  public static void register(String tcpAddress, Local local) {
    BY_TCP_ADDRESS.put(tcpAddress, local);
  }

  public static void unregister(String tcpAddress) {
    BY_TCP_ADDRESS.remove(tcpAddress);
  }

  /** The in-JVM controller behind this client address, if there is one and inproc is on. */
  public static Optional<Local> lookup(String tcpAddress) {
    return enabled() ? Optional.ofNullable(BY_TCP_ADDRESS.get(tcpAddress)) : Optional.empty();
  }
}
