package io.jparallel.client;

/** An engine joined ({@code registered}) or left ({@code unregistered}, with the reason). */
public record EngineEvent(String event, int engineId, String reason) {
  public boolean joined() {
    return "registered".equals(event);
  }
}
