package io.jparallel.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what a session writes, for assertions. */
final class RecordingOutput implements SessionOutput {
  final StringBuffer out = new StringBuffer();
  final StringBuffer err = new StringBuffer();
  final List<Display> displays = new CopyOnWriteArrayList<>();

  @Override
  public void stdout(String text) {
    out.append(text);
  }

  @Override
  public void stderr(String text) {
    err.append(text);
  }

  @Override
  public void display(Display display) {
    displays.add(display);
  }

  String displayed() {
    StringBuilder sb = new StringBuilder();
    displays.forEach(d -> sb.append(d.text()).append('\n'));
    return sb.toString();
  }
}
