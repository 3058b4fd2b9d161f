package io.jparallel.kernel;

import io.jparallel.session.CellResult;
import io.jparallel.session.Completeness;
import io.jparallel.session.Completions;
import io.jparallel.session.Display;
import io.jparallel.session.ErrorInfo;
import io.jparallel.session.SessionOutput;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A test interpreter with scripted cells, to test the protocol layer without JShell. */
final class ScriptedInterpreter implements Interpreter {
  private volatile CountDownLatch interrupt = new CountDownLatch(1);
  volatile boolean closed;

  @Override
  public CellResult execute(String cell, SessionOutput out) {
    interrupt = new CountDownLatch(1);
    switch (cell) {
      case "" -> {
        return CellResult.ok(null);
      }
      case "block" -> {
        try {
          return interrupt.await(30, TimeUnit.SECONDS) ? CellResult.aborted("interrupted") : CellResult.ok(null);
        } catch (InterruptedException e) {
          return CellResult.aborted("interrupted");
        }
      }
      case "fail", "slow fail" -> {
        if (cell.startsWith("slow")) {
          try {
            Thread.sleep(300); // so that the next request has arrived when this one fails
          } catch (InterruptedException e) {
            return CellResult.aborted("interrupted");
          }
        }
        return CellResult.error(new ErrorInfo("java.lang.IllegalStateException", "boom", List.of("java.lang.IllegalStateException: boom")));
      }
      case "late" -> {
        Thread t = new Thread(() -> {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          }
          out.stdout("after the cell\n");
        });
        t.start();
        return CellResult.ok(null);
      }
      case "print" -> {
        out.stdout("hello\n");
        out.display(Display.html("x", "<b>x</b>"));
        return CellResult.ok(Display.text("42"));
      }
      default -> {
        return CellResult.ok(Display.text(cell));
      }
    }
  }

  @Override
  public void interrupt() {
    interrupt.countDown();
  }

  @Override
  public Completions complete(String code, int cursor) {
    return new Completions(0, List.of(code + "!"));
  }

  @Override
  public Completeness isComplete(String code) {
    return code.endsWith("{") ? Completeness.incomplete("    ") : code.contains("= ;") ? Completeness.INVALID : Completeness.COMPLETE;
  }

  @Override
  public Optional<String> inspect(String code, int cursor) {
    return Optional.of("doc of " + code);
  }

  @Override
  public void close() {
    closed = true;
  }
}
