package io.jparallel.wire;

import java.time.Instant;

/**
 * The timestamps a task collects on its way (core/README.md, "Where a task's time goes"): the
 * metadata field names, in the order of the hops, and the clock they are read from. Every
 * stamp is epoch microseconds of the clock of the process that took it, so differences
 * between stamps of one process are exact and those between hosts carry their clocks' skew.
 */
public final class TaskTimes {
  /** Request metadata, by the client: when it handed the signed request to its socket thread. */
  public static final String CLIENT_SENT = "client_sent_us";
  /** Reply metadata, by the controller (when the request asked for {@link #ASK}): the request arrived. */
  public static final String CONTROLLER_IN = "controller_in_us";
  /** By the controller: the request left for its engine. */
  public static final String CONTROLLER_OUT = "controller_out_us";
  /** Reply metadata, by the engine: the request was read off its socket. */
  public static final String ENGINE_IN = "engine_in_us";
  /** By the engine: the task started (after waiting behind the engine's earlier tasks). */
  public static final String STARTED = "started_us";
  /** By the engine: the task's code returned. */
  public static final String COMPLETED = "completed_us";
  /** By the engine: its reply was encoded and handed to its socket. */
  public static final String ENGINE_OUT = "engine_out_us";
  /** By the controller: the reply arrived from the engine (it leaves for the client at once). */
  public static final String CONTROLLER_BACK = "controller_back_us";
  /** Not on the wire: the client read the reply (its {@code TaskMetadata} carries it). */
  public static final String CLIENT_IN = "client_in_us";
  /**
   * Request metadata flag {@code "hops": true}: the controller adds its own stamps (and the
   * client's {@link #CLIENT_SENT}) to the reply, signing it anew. Off by default, so the
   * controller forwards replies untouched.
   */
  public static final String ASK = "hops";

  private TaskTimes() {}

  /** Now, in epoch microseconds. */
  public static long now() {
    return micros(Instant.now());
  }

  public static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  /** Epoch microseconds as an instant (the inverse of {@link #micros(Instant)}). */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /**
   * A time of a message's metadata as epoch micros: its number ({@code started_us}) when it has
   * one, else its ISO text ({@code started}) parsed, or 0 when it has neither (or the text is
   * unreadable). The number is cheap; the JDK's {@code Instant.parse} builds a formatter per call.
   */
  public static long read(com.fasterxml.jackson.databind.JsonNode meta, String microsField, String isoField) {
    if (meta == null) {
      return 0;
    }
    com.fasterxml.jackson.databind.JsonNode us = meta.get(microsField);
    if (us != null && us.isIntegralNumber()) {
      return us.asLong();
    }
    return parse(meta.path(isoField).asText(null));
  }

  /** An ISO-8601 instant as epoch micros, or 0 when absent or unreadable. */
  public static long parse(String iso) {
    if (iso == null || iso.isEmpty()) {
      return 0;
    }
    try {
      return micros(Instant.parse(iso));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * ISO-8601 in UTC with microseconds, {@code 2026-12-02T03:11:47.479310Z}, as Jupyter's
   * clients parse message dates and {@link Instant#parse} reads them: the same text as
   * {@code t.truncatedTo(MICROS).toString()} less its trailing zeros' trimming, without the
   * formatter machinery (every message carries one).
   */
  public static String iso(Instant t) {
    long secs = t.getEpochSecond();
    long day = Math.floorDiv(secs, 86_400);
    int sod = (int) Math.floorMod(secs, 86_400);
    java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
    int y = d.getYear();
    if (y < 1000 || y > 9999) {
      return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }
    char[] c = new char[27];
    digits(c, 0, y, 4);
    c[4] = '-';
    digits(c, 5, d.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, d.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, sod / 3600, 2);
    c[13] = ':';
    digits(c, 14, sod / 60 % 60, 2);
    c[16] = ':';
    digits(c, 17, sod % 60, 2);
    c[19] = '.';
    digits(c, 20, t.getNano() / 1_000, 6);
    c[26] = 'Z';
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
