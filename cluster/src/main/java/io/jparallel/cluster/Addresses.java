package io.jparallel.cluster;

import io.jparallel.wire.ConnectionInfo;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses a controller binds and advertises: the address of the interface that routes
 * to a host (found without sending anything: a connected UDP socket's local address), and
 * this host's address for engines whose hosts are not known in advance (Slurm, MPI).
 */
public final class Addresses {
  private Addresses() {}

  /** This host's address on the interface that routes to {@code host}, resolved here or by {@code ssh -G}. */
  public static Optional<String> routeTo(String host, List<String> sshOptions) {
    String name = host.contains("@") ? host.substring(host.lastIndexOf('@') + 1) : host;
    Optional<InetAddress> target = resolve(name);
    if (target.isEmpty()) {
      target = sshHostName(name, sshOptions).flatMap(Addresses::resolve);
    }
    return target.flatMap(Addresses::localAddressTowards);
  }

  /** The address of {@code host} as this machine resolves it. */
  static Optional<InetAddress> resolve(String host) {
    try {
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> localAddressTowards(InetAddress target) {
    if (target.isLoopbackAddress()) {
      return Optional.of(target.getHostAddress());
    }
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(target, 9);
      InetAddress local = probe.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? Optional.empty() : Optional.of(local.getHostAddress());
    } catch (SocketException e) {
      return Optional.empty(); // no route
    }
  }

  /** The host name ssh would connect to for {@code alias} ({@code ssh -G}, which reads ~/.ssh/config and -F). */
  static Optional<String> sshHostName(String alias, List<String> sshOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add("ssh");
    cmd.addAll(sshOptions);
    cmd.add("-G");
    cmd.add(alias);
    Exec.Result r = Exec.run(cmd, Map.of(), Duration.ofSeconds(10));
    if (!r.ok()) {
      return Optional.empty();
    }
    return r.stdout().lines().filter(l -> l.startsWith("hostname ")).map(l -> l.substring(9).strip()).findFirst();
  }

  /**
   * The address to tell engines on unknown hosts: this host name's address unless it is
   * loopback, else the first IPv4 address of an interface that is up and not loopback.
   */
  public static String thisHost() {
    try {
      InetAddress local = InetAddress.getLocalHost();
      if (!local.isLoopbackAddress() && local instanceof Inet4Address) {
        return local.getHostAddress();
      }
    } catch (UnknownHostException e) {
      // look at the interfaces
    }
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through
    }
    return "127.0.0.1";
  }

  /** Refuses an address engines cannot dial: every-interface addresses are for binding only. */
  static String checkAdvertised(String location) {
    if (location == null || location.isBlank() || ConnectionInfo.isAnyAddress(location)) {
      throw new LaunchException("'" + location + "' is no address engines can connect to; pass --location ADDR"
          + " (an address of this host they can reach)");
    }
    return location;
  }
}
