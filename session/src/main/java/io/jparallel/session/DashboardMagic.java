package io.jparallel.session;

import io.jparallel.dashboard.Dashboard;
import io.jparallel.dashboard.DashboardSummary;
import io.jparallel.magics.MagicCatalog;
import io.jparallel.magics.MagicInvocation;
import java.util.Locale;

/**
 * {@code %dashboard}: the link to the cluster's live dashboard; in a notebook also an inline
 * HTML snapshot of what it shows now (engines, their tasks, the task rate).
 */
final class DashboardMagic extends SessionMagic {
  private final ClusterBinding cluster;

  DashboardMagic(ClusterBinding cluster) {
    super(MagicCatalog.DASHBOARD);
    this.cluster = cluster;
  }

  @Override
  public Object run(MagicInvocation inv, SessionOutput out) {
    return show(cluster.dashboard());
  }

  static Display show(Dashboard d) {
    DashboardSummary s = d.summary();
    String text = "dashboard: " + s.url();
    StringBuilder h = new StringBuilder();
    h.append("<div class=\"jpar-dashboard\"><p>Live dashboard: <a href=\"").append(Html.escape(s.url()))
        .append("\" target=\"_blank\" rel=\"noopener\">").append(Html.escape(s.url())).append("</a></p>");
    h.append("<table><thead><tr><th>engine</th><th>host</th><th>pid</th><th>state</th><th>running</th><th>queued</th>")
        .append("<th>done</th><th>last heartbeat</th></tr></thead><tbody>");
    for (DashboardSummary.Engine e : s.engines()) {
      h.append("<tr data-engine=\"").append(e.id()).append("\"><td>").append(e.id()).append("</td><td>")
          .append(Html.escape(e.host())).append("</td><td>").append(e.pid()).append("</td><td>").append(Html.escape(e.state()))
          .append("</td><td>").append(e.running()).append("</td><td>").append(e.queued()).append("</td><td>")
          .append(e.done()).append("</td><td>").append("dead".equals(e.state()) ? "" : e.lastHeartbeatMs() + " ms ago")
          .append("</td></tr>");
    }
    h.append("</tbody></table><p>").append(String.format(Locale.ROOT, "%.1f", s.tasksPerSecond()))
        .append(" tasks/s over the last 10 s; ").append(s.done()).append(" done, ").append(s.failed())
        .append(" failed since the dashboard started (snapshot; the page updates itself)</p></div>");
    return Display.html(text, h.toString());
  }
}
