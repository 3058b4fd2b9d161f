package io.jparallel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code jpar dashboard} in a real browser (Debian's headless chromium through Selenium),
 * watching a daemon cluster: the page lists both engines' pids, its task stream grows while
 * a map runs, an engine killed mid-run shows as dead and one that joins in its place shows as
 * up, and without its token the server shows nothing.
 */
@Timeout(240)
class DashboardBrowserTest {
  @TempDir
  Path home;

  private Jpar jpar;
  private Process dashboard;
  private final List<Process> extra = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    if (dashboard != null) {
      dashboard.destroy();
      if (!dashboard.waitFor(10, TimeUnit.SECONDS)) {
        dashboard.destroyForcibly();
      }
    }
    if (jpar != null) {
      jpar.run("cluster", "stop", "--cluster-id", "dash");
      extra.forEach(Process::destroyForcibly);
      jpar.stopWhatIsLeft("dash");
    }
  }

  @Test
  void theDashboardShowsEnginesTheirTasksAndDeathsAndWantsItsToken() throws Exception {
    assumeTrue(HeadlessChromium.available(), "Debian's chromium and chromium-driver are not installed"
        + " (apt-get install chromium chromium-driver; .ci/run does)");
    jpar = new Jpar(home);
    Jpar.Run start = jpar.run("cluster", "start", "--daemon", "-n", "2", "--cluster-id", "dash");
    assertThat(start.status()).as(start.toString()).isZero();
    Path clientFile = jpar.security().resolve("client-dash.json");
    dashboard = jpar.builder("dashboard", "--cluster-id", "dash").redirectErrorStream(true).start();
    String url = readUrl(dashboard);
    String base = url.substring(0, url.indexOf("/?token="));

    try (Client rc = Client.connect(clientFile); HeadlessChromium chromium = new HeadlessChromium(home)) {
      List<Long> pids = rc.direct().apply(RemoteWork.pid());

      // no token, a wrong token: 403 and nothing of the cluster, in the browser and to a plain client
      ChromeDriver browser = chromium.driver();
      browser.get(base + "/");
      assertThat(browser.getPageSource()).contains("403 Forbidden").doesNotContain(Long.toString(pids.get(0)));
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/", "/?token=wrong", "/api/state", "/events", "/static/app.js")) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(403);
        assertThat(r.body()).as(path).doesNotContain(Long.toString(pids.get(0))).doesNotContain("engine");
      }

      // with it: both engines, by pid
      browser.get(url);
      waitUntil("both engines listed", () -> pidsShown(browser).containsAll(pids));
      assertThat(state(browser, 0)).isEqualTo("up");
      assertThat(state(browser, 1)).isEqualTo("up");

      // the task stream grows while a map runs
      AsyncResult<List<Integer>> map = rc.loadBalanced().label("stream")
          .mapAsync(RemoteWork.sleepy(100), IntStream.range(0, 80).boxed().toList());
      List<Integer> counts = new ArrayList<>();
      while (!map.ready()) {
        int n = streamCount(browser);
        if (counts.isEmpty() || n > counts.get(counts.size() - 1)) {
          counts.add(n);
        }
        Thread.sleep(200);
      }
      assertThat(counts).as("task counts seen while the map ran").hasSizeGreaterThanOrEqualTo(3);
      assertThat(map.get()).hasSize(80);
      waitUntil("all 80 tasks in the stream", () -> streamCount(browser) >= 80);

      // an engine killed mid-run shows as dead; the rest goes on
      AsyncResult<List<Integer>> longer = rc.loadBalanced().retries(1)
          .mapAsync(RemoteWork.sleepy(200), IntStream.range(0, 30).boxed().toList());
      waitUntil("tasks running", () -> streamCount(browser) >= 84);
      new ProcessBuilder("kill", "-9", Long.toString(pids.get(1))).start().waitFor();
      waitUntil("engine 1 shown dead", () -> "dead".equals(state(browser, 1)));
      assertThat(rowText(browser, 1)).contains("dead");
      assertThat(state(browser, 0)).isEqualTo("up");
      assertThat(longer.get(Duration.ofSeconds(60))).hasSize(30);

      // an engine joining in its place (it gets the free id 1) shows as up, with its own pid
      extra.add(jpar.builder("engine", "--file", jpar.security().resolve("engine-dash.json").toString())
          .redirectErrorStream(true).redirectOutput(home.resolve("engine-extra.log").toFile()).start());
      rc.waitForEngines(2, Duration.ofSeconds(60));
      long newPid = rc.direct(1).apply(RemoteWork.pid());
      waitUntil("engine 1 up again", () -> "up".equals(state(browser, 1)) && pidsShown(browser).contains(newPid));

      // a failure with its remote stack trace, and a search by label
      rc.loadBalanced().label("broken").applyAsync(RemoteWork.failing("this task fails on purpose"))
          .await(Duration.ofSeconds(30));
      waitUntil("the failure listed", () -> text(browser, "#failures").contains("this task fails on purpose"));
      WebElement search = browser.findElement(By.cssSelector("#search input[name=label]"));
      search.sendKeys("broken");
      browser.findElement(By.cssSelector("#search button")).click();
      waitUntil("records found by label", () -> browser.findElements(By.cssSelector("#records tbody tr")).size() == 1
          && text(browser, "#records tbody tr").contains("failed"));

      Path shot = Path.of("target", "dashboard.png");
      Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
  }

  private static String readUrl(Process p) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith("dashboard: http")) {
        String url = line.substring("dashboard: ".length()).strip();
        Thread drain = new Thread(() -> {
          try {
            r.transferTo(java.io.Writer.nullWriter());
          } catch (java.io.IOException ignored) {
            // the process ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return url;
      }
      assertThat(System.nanoTime()).as("the dashboard's URL").isLessThan(deadline);
    }
    throw new AssertionError("jpar dashboard ended without printing its URL");
  }

  // The page redraws its tables every 500 ms: each read is one script, so no element goes stale midway.

  private static List<Long> pidsShown(ChromeDriver b) {
    List<Long> out = new ArrayList<>();
    Object pids = b.executeScript("return [...document.querySelectorAll('#engines tbody tr')].map(r => r.dataset.pid);");
    for (Object p : (List<?>) pids) {
      out.add(Long.parseLong(p.toString()));
    }
    return out;
  }

  private static String rowText(ChromeDriver b, int engine) {
    return (String) b.executeScript("const r = document.querySelector(\"#engines tbody tr[data-engine='\" + arguments[0]"
        + " + \"']\"); return r ? r.innerText : '';", engine);
  }

  private static String state(ChromeDriver b, int engine) {
    return (String) b.executeScript("const r = document.querySelector(\"#engines tbody tr[data-engine='\" + arguments[0]"
        + " + \"']\"); return r ? r.dataset.state : '';", engine);
  }

  private static int streamCount(ChromeDriver b) {
    return Integer.parseInt((String) b.executeScript("return document.getElementById('stream').dataset.tasks;"));
  }

  private static String text(ChromeDriver b, String css) {
    return (String) b.executeScript("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText)"
        + ".join('\\n');", css);
  }

  private static void waitUntil(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
        // the page redrew meanwhile: ask again
      }
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
