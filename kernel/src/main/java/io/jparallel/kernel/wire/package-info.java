/**
 * The Jupyter wire protocol, replacing jupyter-jvm-basekernel's {@code JupyterSocket}
 * framing: {@link io.jparallel.kernel.wire.WireCodec} verifies the HMAC in constant time
 * before parsing, rejects replayed message ids and turns every malformed message into an
 * {@link io.jparallel.kernel.wire.InvalidMessageException} that the socket loops log and drop.
 */
package io.jparallel.kernel.wire;
