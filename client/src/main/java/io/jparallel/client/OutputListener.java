package io.jparallel.client;

/** Receives what tasks print, as engines print it ({@code %px --stream}). */
@FunctionalInterface
public interface OutputListener {
  /**
   * @param engineId the engine that printed, or -1 if not yet known
   * @param stream {@code stdout} or {@code stderr}
   */
  void onOutput(int engineId, String stream, String text);
}
