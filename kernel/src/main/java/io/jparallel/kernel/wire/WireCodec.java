package io.jparallel.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames to {@link WireMessage} and back, per the Jupyter wire protocol:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}.
 * Decoding verifies the signature before parsing anything and rejects replayed messages;
 * every way a message can be wrong is an {@link InvalidMessageException}, never a crash.
 */
public final class WireCodec {
  public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_IDENTITIES = 16;

  private final MessageSigner signer;
  private final ReplayGuard replays;

  public WireCodec(MessageSigner signer, ReplayGuard replays) {
    this.signer = signer;
    this.replays = replays;
  }

  public MessageSigner signer() {
    return signer;
  }

  public WireMessage decode(List<byte[]> frames) throws InvalidMessageException {
    int delimiter = -1;
    for (int i = 0; i < frames.size() && i <= MAX_IDENTITIES; i++) {
      if (Arrays.equals(DELIMITER, frames.get(i))) {
        delimiter = i;
        break;
      }
    }
    if (delimiter < 0) {
      throw new InvalidMessageException("no <IDS|MSG> delimiter in " + frames.size() + " frames");
    }
    if (frames.size() < delimiter + 6) {
      throw new InvalidMessageException("truncated message: " + (frames.size() - delimiter - 1)
          + " frames after the delimiter, need 5");
    }
    byte[] signature = frames.get(delimiter + 1);
    List<byte[]> signed = frames.subList(delimiter + 2, delimiter + 6);
    if (!signer.verify(signature, signed)) {
      throw new InvalidMessageException("bad signature");
    }
    JsonObject header = object(signed.get(0), "header");
    JsonObject parent = object(signed.get(1), "parent_header");
    JsonObject metadata = object(signed.get(2), "metadata");
    JsonObject content = object(signed.get(3), "content");
    String msgId = WireMessage.string(header, "msg_id");
    String msgType = WireMessage.string(header, "msg_type");
    if (msgId == null || msgId.isEmpty() || msgType == null || msgType.isEmpty()) {
      throw new InvalidMessageException("header without msg_id or msg_type");
    }
    // A replay is the same signed message again: same msg_id and same signature (which covers
    // the header's date). jupyter_client's cloned sessions legitimately reuse msg_ids, so the id
    // alone is not enough to tell.
    if (signer.enabled() && !replays.firstSeen(msgId + " " + new String(signature, StandardCharsets.US_ASCII))) {
      throw new InvalidMessageException("replayed message " + msgId);
    }
    return new WireMessage(frames.subList(0, delimiter), header, parent, metadata, content,
        new ArrayList<>(frames.subList(delimiter + 6, frames.size())));
  }

  public List<byte[]> encode(WireMessage m) {
    List<byte[]> json = List.of(bytes(m.header()), bytes(m.parentHeader()), bytes(m.metadata()), bytes(m.content()));
    List<byte[]> frames = new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
    frames.addAll(m.identities());
    frames.add(DELIMITER);
    frames.add(signer.sign(json));
    frames.addAll(json);
    frames.addAll(m.buffers());
    return frames;
  }

  private static byte[] bytes(JsonObject o) {
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject object(byte[] frame, String part) throws InvalidMessageException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(frame)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidMessageException(part + " is not UTF-8");
    }
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw new InvalidMessageException(part + " is not a JSON object");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new InvalidMessageException(part + " is not JSON");
    }
  }
}
