package io.jparallel.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven by its chromedriver through Selenium, started as this
 * machine needs (no sandbox as root, no background networking, a fresh profile directory under
 * the test's own folder). {@link #close()} quits it and ends any chromium process left with
 * that profile directory, so none outlives the test.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  /** Whether Debian's chromium and chromium-driver are installed (.ci/run installs them). */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  HeadlessChromium(Path dir) throws IOException {
    this.profile = Files.createTempDirectory(dir, "chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1400,1300", "--user-data-dir=" + profile);
    this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
    ChromeDriver d;
    try {
      d = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      endLeftovers();
      throw e;
    }
    this.driver = d;
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (RuntimeException e) {
      // gone already
    } finally {
      service.stop();
      endLeftovers();
    }
  }

  /** Ends every process whose command line names this profile directory (chromium and its helpers). */
  private void endLeftovers() {
    String mark = profile.toString();
    for (int i = 0; i < 50; i++) {
      long[] left = ProcessHandle.allProcesses()
          .filter(h -> h.info().commandLine().map(c -> c.contains(mark)).orElse(false))
          .mapToLong(ProcessHandle::pid).toArray();
      if (left.length == 0) {
        break;
      }
      for (long pid : left) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the temp dir goes with the test's
    }
  }
}
