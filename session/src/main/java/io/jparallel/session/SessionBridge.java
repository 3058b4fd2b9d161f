package io.jparallel.session;

import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;

/**
 * How snippets reach their session's client: {@code rc}, {@code dv} and {@code lv} are bound
 * through it, on the session's own thread, so each session's are its own ({@link SessionContext}).
 */
public final class SessionBridge {
  private SessionBridge() {}

  public static Client client() {
    SessionContext context = SessionContext.current();
    Client c = context == null ? null : context.client();
    if (c == null) {
      throw new JParallelException("no cluster: start one with %cluster start, or %cluster connect FILE");
    }
    return c;
  }
}
