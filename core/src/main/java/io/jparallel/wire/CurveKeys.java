package io.jparallel.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.zeromq.ZMQ;

/**
 * A peer's CurveZMQ keys as a connection file carries them (Z85 text): the controller's public
 * key, which a peer checks the server against, and the peer's own key pair, which the
 * controller's authentication handler allows. Clients and engines of one cluster share one
 * pair, as they share one HMAC key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CurveKeys(
    @JsonProperty("server_key") String serverKey,
    @JsonProperty("public_key") String publicKey,
    @JsonProperty("secret_key") String secretKey) {

  public CurveKeys {
    check("server_key", serverKey);
    check("public_key", publicKey);
    check("secret_key", secretKey);
  }

  private static void check(String name, String z85) {
    if (z85 == null || z85.length() != ZMQ.Curve.KEY_SIZE_Z85) {
      throw new IllegalArgumentException("curve " + name + " must be " + ZMQ.Curve.KEY_SIZE_Z85 + " Z85 characters");
    }
  }

  /** Sets this peer's keys on a socket before it connects. */
  public ZMQ.Socket applyTo(ZMQ.Socket socket) {
    socket.setCurveServerKey(ZMQ.Curve.z85Decode(serverKey));
    socket.setCurvePublicKey(ZMQ.Curve.z85Decode(publicKey));
    socket.setCurveSecretKey(ZMQ.Curve.z85Decode(secretKey));
    return socket;
  }

  @Override
  public String toString() {
    return "CurveKeys[server " + serverKey + ", public " + publicKey + "]"; // never the secret
  }
}
