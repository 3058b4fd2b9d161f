package io.jparallel.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * Results in the JSON schema of IPython parallel's {@code bench.py} (as
 * {@code bench/compare-ipyparallel.sh} runs it), so {@code compare.py} reads both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchReport(
    @JsonProperty("system") String system,
    @JsonProperty("java") String java,
    @JsonProperty("engines") int engines,
    @JsonProperty("view") String view,
    @JsonProperty("label") String label,
    @JsonProperty("latency") List<Latency> latency,
    @JsonProperty("throughput") List<Throughput> throughput,
    @JsonProperty("map") List<MapRow> map,
    @JsonProperty("single") Single single) {

  public record Latency(
      @JsonProperty("n") int n,
      @JsonProperty("sent_s") double sentS,
      @JsonProperty("roundtrip_s") double roundtripS,
      @JsonProperty("sent_per_s") double sentPerS,
      @JsonProperty("roundtrip_per_s") double roundtripPerS) {}

  public record Throughput(
      @JsonProperty("bytes") long bytes,
      @JsonProperty("n") int n,
      @JsonProperty("sent_s") double sentS,
      @JsonProperty("roundtrip_s") double roundtripS,
      @JsonProperty("mb_per_s") double mbPerS,
      @JsonProperty("sent_mb_per_s") double sentMbPerS) {}

  public record MapRow(
      @JsonProperty("dt_ms") int dtMs,
      @JsonProperty("n") int n,
      @JsonProperty("engines") int engines,
      @JsonProperty("sent_s") double sentS,
      @JsonProperty("roundtrip_s") double roundtripS,
      @JsonProperty("ideal_s") double idealS,
      @JsonProperty("overhead") double overhead) {}

  public record Single(
      @JsonProperty("count") int count,
      @JsonProperty("median_us") double medianUs,
      @JsonProperty("p99_us") double p99Us) {}

  /** The same text table bench.py prints. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "# %s, %d engines, %s view%n", system, engines, view));
    if (latency != null) {
      for (Latency r : latency) {
        sb.append(String.format(Locale.ROOT, "latency    n=%6d  sent %9.0f/s  roundtrip %9.0f/s%n", r.n(), r.sentPerS(),
            r.roundtripPerS()));
      }
    }
    if (throughput != null) {
      for (Throughput r : throughput) {
        sb.append(String.format(Locale.ROOT, "throughput %8d B x %d  sent %8.1f ms  roundtrip %8.1f ms  %8.1f MB/s%n",
            r.bytes(), r.n(), r.sentS() * 1e3, r.roundtripS() * 1e3, r.mbPerS()));
      }
    }
    if (map != null) {
      for (MapRow r : map) {
        sb.append(String.format(Locale.ROOT, "map        dt=%4d ms x %d  %.3f s (ideal %.3f s, overhead %.0f%%)%n", r.dtMs(),
            r.n(), r.roundtripS(), r.idealS(), r.overhead() * 100));
      }
    }
    if (single != null) {
      sb.append(String.format(Locale.ROOT, "single     median %.0f us  p99 %.0f us%n", single.medianUs(), single.p99Us()));
    }
    return sb.toString();
  }
}
