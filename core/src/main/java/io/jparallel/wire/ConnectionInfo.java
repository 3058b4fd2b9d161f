package io.jparallel.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A connection file: where a controller listens and the key its messages are signed with.
 * Clients read {@code client-<cluster>.json} (client_port); engines read
 * {@code engine-<cluster>.json} (engine_port). Written with mode 0600.
 *
 * <p>{@code ip} is where peers connect. A controller bound to every interface writes into
 * the engine file the address engines on other hosts reach it at ({@link #withIp}); clients
 * on its own host map 0.0.0.0 to loopback. {@code curve}, present when the controller
 * binds beyond loopback (or was told to), holds the CurveZMQ keys every peer's socket
 * must use ({@link CurveKeys}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionInfo(
    @JsonProperty("transport") String transport,
    @JsonProperty("ip") String ip,
    @JsonProperty("client_port") Integer clientPort,
    @JsonProperty("engine_port") Integer enginePort,
    @JsonProperty("key") String key,
    @JsonProperty("signature_scheme") String signatureScheme,
    @JsonProperty("cluster_id") String clusterId,
    @JsonProperty("pid") Long pid,
    @JsonProperty("curve") CurveKeys curve) {

  /** Without CurveZMQ (a controller on loopback). */
  public ConnectionInfo(String transport, String ip, Integer clientPort, Integer enginePort, String key,
      String signatureScheme, String clusterId, Long pid) {
    this(transport, ip, clientPort, enginePort, key, signatureScheme, clusterId, pid, null);
  }

  public static String newKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public String clientAddress() {
    return transport + "://" + connectHost() + ":" + clientPort;
  }

  public String engineAddress() {
    return transport + "://" + connectHost() + ":" + enginePort;
  }

  private String connectHost() {
    return isAnyAddress(ip) ? "127.0.0.1" : ip;
  }

  /** Whether {@code address} means every interface (0.0.0.0, {@code *}, ::). */
  public static boolean isAnyAddress(String address) {
    return "0.0.0.0".equals(address) || "*".equals(address) || "::".equals(address) || "[::]".equals(address);
  }

  /** Whether {@code address} is this host's loopback (127.0.0.0/8, ::1, localhost). */
  public static boolean isLoopback(String address) {
    return address != null && (address.startsWith("127.") || "::1".equals(address) || "[::1]".equals(address)
        || "localhost".equalsIgnoreCase(address));
  }

  /** Whether peers must use CurveZMQ. */
  public boolean curveEnabled() {
    return curve != null;
  }

  /** Sets this connection's CurveZMQ keys (if any) on a socket before it connects. */
  public org.zeromq.ZMQ.Socket secure(org.zeromq.ZMQ.Socket socket) {
    return curve == null ? socket : curve.applyTo(socket);
  }

  public ConnectionInfo forClients() {
    return new ConnectionInfo(transport, ip, clientPort, null, key, signatureScheme, clusterId, pid, curve);
  }

  public ConnectionInfo forEngines() {
    return new ConnectionInfo(transport, ip, null, enginePort, key, signatureScheme, clusterId, pid, curve);
  }

  /** The same connection, reached at another address (the one engines on other hosts can reach). */
  public ConnectionInfo withIp(String address) {
    return new ConnectionInfo(transport, address, clientPort, enginePort, key, signatureScheme, clusterId, pid, curve);
  }

  /** The file's JSON text (for {@code $JPARALLEL_CONNECTION_INFO}, as IPython parallel's {@code $IPP_CONNECTION_INFO}). */
  public String toJson() {
    try {
      return Json.MAPPER.writeValueAsString(this);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Parses {@link #toJson()}'s text; {@code where} names its origin in the error. */
  public static ConnectionInfo parse(String text, String where) throws IOException {
    ConnectionInfo info;
    try {
      info = Json.MAPPER.readValue(text, ConnectionInfo.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("connection info in " + where + " is not valid: " + e.getMessage(), e);
    }
    if (info.key() == null || info.ip() == null || info.transport() == null) {
      throw new IOException("connection info in " + where + " lacks transport, ip or key");
    }
    return info;
  }

  public Signer signer() {
    if (!Signer.SCHEME.equals(signatureScheme)) {
      throw new IllegalArgumentException("unsupported signature_scheme '" + signatureScheme + "' (only " + Signer.SCHEME + ")");
    }
    return Signer.of(key);
  }

  /** Writes the file atomically with mode 0600 (created so, never world-readable in between). */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("could not create " + tmp, e);
    }
    Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a connection file; the message of the exception says what is wrong and what to do. */
  public static ConnectionInfo read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null,
          "no connection file; start a cluster with 'jpar cluster start' or pass --connect FILE");
    }
    return parse(text, "connection file " + file);
  }
}
