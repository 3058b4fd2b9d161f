package io.jparallel.session;

/**
 * What running one cell gave: its status, the value to show as the cell's result
 * ({@code Out[n]}, may be null), or the error.
 */
public record CellResult(Status status, Display value, ErrorInfo error) {
  public enum Status { OK, ERROR, ABORTED }

  public static CellResult ok(Display value) {
    return new CellResult(Status.OK, value, null);
  }

  public static CellResult error(ErrorInfo error) {
    return new CellResult(Status.ERROR, null, error);
  }

  public static CellResult aborted(String why) {
    return new CellResult(Status.ABORTED, null, new ErrorInfo("Interrupted", why, java.util.List.of()));
  }

  public boolean ok() {
    return status == Status.OK;
  }
}
