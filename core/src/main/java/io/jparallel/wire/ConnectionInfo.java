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
    @JsonProperty("pid") Long pid) {

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
    return "0.0.0.0".equals(ip) || "*".equals(ip) ? "127.0.0.1" : ip;
  }

  public ConnectionInfo forClients() {
    return new ConnectionInfo(transport, ip, clientPort, null, key, signatureScheme, clusterId, pid);
  }

  public ConnectionInfo forEngines() {
    return new ConnectionInfo(transport, ip, null, enginePort, key, signatureScheme, clusterId, pid);
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
    ConnectionInfo info;
    try {
      info = Json.MAPPER.readValue(text, ConnectionInfo.class);
    } catch (IOException e) {
      throw new IOException("connection file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (info.key() == null || info.ip() == null || info.transport() == null) {
      throw new IOException("connection file " + file + " lacks transport, ip or key");
    }
    return info;
  }
}
