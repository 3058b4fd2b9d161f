package io.jparallel.session;

/**
 * Whether input is ready to run: {@code COMPLETE}; {@code INCOMPLETE} (a continuation line
 * is needed, {@code indent} suggests its indentation); {@code INVALID} (no continuation can
 * fix it, e.g. {@code int x = ;}).
 */
public record Completeness(Kind kind, String indent) {
  public enum Kind { COMPLETE, INCOMPLETE, INVALID }

  public static final Completeness COMPLETE = new Completeness(Kind.COMPLETE, "");
  public static final Completeness INVALID = new Completeness(Kind.INVALID, "");

  public static Completeness incomplete(String indent) {
    return new Completeness(Kind.INCOMPLETE, indent);
  }
}
