package io.jparallel.resolver;

import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/**
 * One line per file the resolver downloads (checksums left out): {@code Downloading
 * commons-math3-3.6.1.jar from central} when it starts, {@code Downloaded commons-math3-3.6.1.jar
 * (2.2 MB in 1.3 s)} when it is in. Nothing is reported for what the local repository has.
 */
final class DownloadReporter extends AbstractTransferListener {
  private final Consumer<String> out;

  DownloadReporter(Consumer<String> out) {
    this.out = out;
  }

  @Override
  public void transferInitiated(TransferEvent event) {
    if (shown(event) && event.getRequestType() == TransferEvent.RequestType.GET) {
      out.accept("Downloading " + name(event.getResource()) + " from " + event.getResource().getRepositoryId());
    }
  }

  @Override
  public void transferSucceeded(TransferEvent event) {
    if (shown(event) && event.getRequestType() == TransferEvent.RequestType.GET) {
      long ms = System.currentTimeMillis() - event.getResource().getTransferStartTime();
      out.accept("Downloaded " + name(event.getResource()) + " (" + size(event.getTransferredBytes())
          + String.format(Locale.ROOT, " in %.1f s)", ms / 1000.0));
    }
  }

  private static boolean shown(TransferEvent event) {
    String n = event.getResource().getResourceName();
    return !(n.endsWith(".sha1") || n.endsWith(".md5") || n.endsWith(".sha256") || n.endsWith(".sha512")
        || n.endsWith(".asc"));
  }

  private static String name(TransferResource r) {
    String n = r.getResourceName();
    return n.substring(n.lastIndexOf('/') + 1);
  }

  static String size(long bytes) {
    if (bytes >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    if (bytes >= 1_000) {
      return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
    }
    return bytes + " B";
  }
}
