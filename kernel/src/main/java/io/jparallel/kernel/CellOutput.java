package io.jparallel.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jparallel.client.ProgressBar;
import io.jparallel.session.Display;
import io.jparallel.session.SessionOutput;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Output of one cell, published on IOPub with the cell's request as parent: stream text
 * (batched by the publisher), {@code display_data} with every MIME type of a
 * {@link Display}, and a progress display (HTML) updated in place and emptied when done. Output arriving from other
 * threads after the cell ended ({@code %px --noblock}, {@code --stream}) still goes to
 * that cell. Thread-safe.
 */
public final class CellOutput implements SessionOutput {
  private static final ProgressBar BAR = ProgressBar.tasks(30);

  private final IOPubPublisher iopub;
  private final Header parent;
  private String progressId;

  public CellOutput(IOPubPublisher iopub, Header parent) {
    this.iopub = iopub;
    this.parent = parent;
  }

  @Override
  public void stdout(String text) {
    iopub.stream(parent, "stdout", text);
  }

  @Override
  public void stderr(String text) {
    iopub.stream(parent, "stderr", text);
  }

  @Override
  public void display(Display display) {
    iopub.publish(parent, "display_data", displayContent(display.data(), null));
  }

  @Override
  public synchronized void update(int done, int total, Duration elapsed) {
    String text = BAR.render(done, total, elapsed);
    String html = "<div><progress value=\"" + done + "\" max=\"" + Math.max(total, 1) + "\" style=\"width:30em\"></progress> "
        + Html.escape(text) + "</div>";
    // HTML only: notebooks update it in place; jupyter console prints display_data's text/plain and
    // ignores updates, so a text bar would be left behind in its output
    Map<String, String> data = Map.of("text/html", html);
    if (progressId == null) {
      progressId = "jparallel-progress-" + UUID.randomUUID();
      iopub.publish(parent, "display_data", displayContent(data, progressId));
    } else {
      iopub.publish(parent, "update_display_data", displayContent(data, progressId));
    }
  }

  @Override
  public synchronized void finish(int done, int total, Duration elapsed) {
    if (progressId != null) {
      iopub.publish(parent, "update_display_data", displayContent(Map.of("text/html", ""), progressId));
      progressId = null;
    }
  }

  static ObjectNode displayContent(Map<String, String> data, String displayId) {
    ObjectNode c = Json.object();
    c.set("data", mimeBundle(data));
    c.putObject("metadata");
    ObjectNode transientPart = c.putObject("transient");
    if (displayId != null) {
      transientPart.put("display_id", displayId);
    }
    return c;
  }

  static ObjectNode mimeBundle(Map<String, String> data) {
    ObjectNode d = Json.object();
    data.forEach(d::put);
    return d;
  }

  /** Where a silent request's output goes: nowhere (Jupyter's {@code silent: true}). */
  static final SessionOutput SILENT = new SessionOutput() {
    @Override
    public void stdout(String text) {}

    @Override
    public void stderr(String text) {}

    @Override
    public void display(Display display) {}

    @Override
    public boolean receivesLateOutput() {
      return false;
    }
  };

  private static final class Html {
    static String escape(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
  }
}
