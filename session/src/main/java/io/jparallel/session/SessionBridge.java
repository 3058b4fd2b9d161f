package io.jparallel.session;

import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;

/** How snippets reach the session's client: {@code rc}, {@code dv} and {@code lv} are bound through it. */
public final class SessionBridge {
  private static volatile Client client;

  private SessionBridge() {}

  public static Client client() {
    Client c = client;
    if (c == null) {
      throw new JParallelException("no cluster: start one with %cluster start, or %cluster connect FILE");
    }
    return c;
  }

  static void set(Client c) {
    client = c;
  }
}
