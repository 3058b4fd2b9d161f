package io.jparallel.cli;

import io.jparallel.cluster.Addresses;
import io.jparallel.controller.Controller;
import io.jparallel.controller.ControllerOptions;
import io.jparallel.wire.ConnectionInfo;
import io.jparallel.wire.Profiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jpar controller}: the hub and schedulers alone; engines join with {@code jpar engine}. */
@Command(name = "controller", mixinStandardHelpOptions = true,
    description = "Run a controller (hub + schedulers) and write its connection files.")
final class ControllerCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Option(names = "--ip", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
  String ip;

  @Mixin
  SchedulerOptions scheduler;

  @Mixin
  ReliabilityOptions reliability;

  @Mixin
  RecordOptions records;


  @Option(names = "--location", description = "address engines dial, written into the engine file (default: the bound one;"
      + " with --ip 0.0.0.0, this host's address)")
  String location;

  @Option(names = "--curve", description = "CurveZMQ on loopback too (beyond loopback it is always on)")
  boolean curve;

  @Option(names = "--client-port", defaultValue = "0", description = "client port (default: any free)")
  int clientPort;

  @Option(names = "--engine-port", defaultValue = "0", description = "engine port (default: any free)")
  int enginePort;

  @Override
  public Integer call() throws Exception {
    String id = profile.clusterId == null ? "default" : profile.clusterId;
    System.setProperty("jparallel.cluster", id);
    ControllerOptions opts = records.apply(reliability.apply(ControllerOptions.defaults(id).withIp(ip)
        .withPorts(clientPort, enginePort).withScheme(scheduler.parsedScheme()).withHwm(scheduler.hwm).withCurve(curve)),
        profile.profile, id);
    Controller c = Controller.start(opts);
    ConnectionInfo info = c.connectionInfo();
    Path clientFile = Profiles.clientFile(profile.profile, id);
    Path engineFile = Profiles.engineFile(profile.profile, id);
    info.forClients().write(clientFile);
    String where = location != null ? location : ConnectionInfo.isAnyAddress(ip) ? Addresses.thisHost() : ip;
    info.forEngines().withIp(where).write(engineFile);
    Runnable cleanup = () -> {
      c.close();
      try {
        Files.deleteIfExists(clientFile);
        Files.deleteIfExists(engineFile);
      } catch (java.io.IOException ignored) {
        // best effort
      }
    };
    Runtime.getRuntime().addShutdownHook(new Thread(cleanup));
    System.out.println("controller " + id + " listening on " + info.clientAddress() + " (clients) and "
        + info.engineAddress() + " (engines)");
    System.out.println("  client file: " + clientFile);
    System.out.println("  engine file: " + engineFile + "  (jpar engine --file " + engineFile + ")");
    try {
      c.stopped().join();
    } catch (java.util.concurrent.CompletionException e) {
      System.err.println("jpar: " + e.getCause().getMessage());
      return 70; // it could not go on (a JeroMQ I/O thread died): exit rather than linger deaf
    }
    return 0;
  }
}
