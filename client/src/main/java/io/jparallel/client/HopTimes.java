package io.jparallel.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.wire.TaskTimes;

/**
 * When one task passed each hop, in epoch microseconds of the clock of the process that took
 * the stamp (0 where unknown): the client sent it, the controller got it and sent it on, the
 * engine got it, started and completed it and sent the reply, the controller got the reply, the
 * client got it. The controller's stamps are there only when the client asked for them
 * ({@link Client#hopTimes(boolean)}). Field names on the wire: {@link TaskTimes}.
 *
 * <p>Intervals within one process ({@link #engineQueued()}, {@link #run()}, ...) are exact on
 * any host; the legs between processes ({@link #toEngine()}, ...) compare two clocks, so across
 * hosts they carry the clocks' skew. {@link #engineTransfer()} and {@link #clientTransfer()} are
 * round trips less the time spent inside the far process: free of skew anywhere.
 */
public record HopTimes(long clientSent, long controllerIn, long controllerOut, long engineIn, long started,
    long completed, long engineOut, long controllerBack, long clientIn) {

  static HopTimes of(JsonNode meta, long clientSent, long clientIn) {
    return new HopTimes(clientSent, us(meta, TaskTimes.CONTROLLER_IN), us(meta, TaskTimes.CONTROLLER_OUT),
        us(meta, TaskTimes.ENGINE_IN), us(meta, TaskTimes.STARTED), us(meta, TaskTimes.COMPLETED),
        us(meta, TaskTimes.ENGINE_OUT), us(meta, TaskTimes.CONTROLLER_BACK), clientIn);
  }

  private static long us(JsonNode meta, String field) {
    JsonNode v = meta == null ? null : meta.get(field);
    return v != null && v.canConvertToLong() ? v.asLong() : 0;
  }

  /** Whether the controller's stamps are there. */
  public boolean hasController() {
    return controllerIn > 0 && controllerOut > 0 && controllerBack > 0;
  }

  /** Whether the engine's stamps are there (a reply the controller made itself has none). */
  public boolean hasEngine() {
    return engineIn > 0 && started > 0 && completed > 0 && engineOut > 0;
  }

  private static long d(long from, long to) {
    return from > 0 && to > 0 ? to - from : -1;
  }

  /** Client to controller, one way (two clocks). */
  public long toController() {
    return d(clientSent, controllerIn);
  }

  /** Waiting in the controller for an engine's credit, and routing. */
  public long controllerQueued() {
    return d(controllerIn, controllerOut);
  }

  /** Controller to engine, one way (two clocks). */
  public long toEngine() {
    return d(controllerOut, engineIn);
  }

  /** Waiting in the engine behind its earlier tasks. */
  public long engineQueued() {
    return d(engineIn, started);
  }

  /** The task's own run (deserializing its function and arguments included). */
  public long run() {
    return d(started, completed);
  }

  /** Encoding and signing the reply on the engine. */
  public long engineReply() {
    return d(completed, engineOut);
  }

  /** Engine to controller, one way (two clocks). */
  public long fromEngine() {
    return d(engineOut, controllerBack);
  }

  /** Controller to client, one way (two clocks; the controller forwards a reply at once). */
  public long toClient() {
    return d(controllerBack, clientIn);
  }

  /** Controller to engine and back, less the time inside the engine: the transfer, free of skew. */
  public long engineTransfer() {
    long rt = d(controllerOut, controllerBack);
    long inside = d(engineIn, engineOut);
    return rt < 0 || inside < 0 ? -1 : rt - inside;
  }

  /** Client to controller and back, less the time inside the controller and beyond: free of skew. */
  public long clientTransfer() {
    long rt = d(clientSent, clientIn);
    long inside = d(controllerIn, controllerBack);
    return rt < 0 || inside < 0 ? -1 : rt - inside;
  }

  /** The whole round trip on the client's clock. */
  public long roundTrip() {
    return d(clientSent, clientIn);
  }
}
