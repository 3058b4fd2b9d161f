package io.jparallel.kernel;

import io.jparallel.session.CellResult;
import io.jparallel.session.Completeness;
import io.jparallel.session.Completions;
import io.jparallel.session.ProcessLog;
import io.jparallel.session.Session;
import io.jparallel.session.SessionOptions;
import io.jparallel.session.SessionOutput;
import java.util.Optional;

/** The kernel's {@link Interpreter}: the shared session core, opened without a cluster. */
public final class SessionInterpreter implements Interpreter {
  private final Session session;

  public SessionInterpreter(Session session) {
    this.session = session;
  }

  /** A session as the kernel starts it: no cluster until {@code %cluster start}. */
  public static SessionInterpreter open() {
    SessionOptions options = SessionOptions.noCluster();
    ProcessLog.toProfile(options.profile());
    Session session = Session.open(options);
    session.warmUpCompiler();
    return new SessionInterpreter(session);
  }

  @Override
  public CellResult execute(String cell, SessionOutput out) {
    return session.execute(cell, out);
  }

  @Override
  public void interrupt() {
    session.interrupt();
  }

  @Override
  public Completions complete(String code, int cursor) {
    return session.complete(code, cursor);
  }

  @Override
  public Completeness isComplete(String code) {
    return session.isComplete(code);
  }

  @Override
  public Optional<String> inspect(String code, int cursor) {
    return session.inspect(code, cursor);
  }

  @Override
  public void close() {
    session.close();
  }
}
