package io.jparallel.magics;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The flags of the seed benchmarks, for {@code %bench} and {@code jpar bench} alike (the
 * command mixes them in): {@code latency|throughput|map|granularity|single|hops|all [options]},
 * which benchmarks to run (several separated by commas) and their sizes. A size not given is
 * empty: the benchmark's default. {@code %bench} needs the benchmarks named; {@code jpar
 * bench} runs them all when none is ({@link #allByDefault()}).
 */
@Command
public final class BenchOptions implements MagicOptions {
  /** The benchmarks {@code %bench} knows. */
  public enum Kind {
    LATENCY, THROUGHPUT, MAP, GRANULARITY, SINGLE, HOPS;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "BENCHMARK",
      description = "latency, throughput, map, granularity, single, hops or all; several separated by commas.")
  private String what;

  private final boolean required;

  @Option(names = "--view", paramLabel = "loadbalanced|direct", description = "View the tasks go through (default: loadbalanced).")
  private String view;

  @Option(names = "--latency-n", split = ",", paramLabel = "N", description = "Task counts for latency (default: 16,64,256,1024,4096).")
  private int[] latencyN;

  @Option(names = "--latency-repeat", paramLabel = "N",
      description = "Rounds per latency count; each row is their median (default: some 20,000 echoes, 5 to 25 rounds).")
  private Integer latencyRepeat;

  @Option(names = "--sizes", split = ",", paramLabel = "BYTES", description = "Message sizes for throughput (default: 8 B ... 4 MiB).")
  private long[] sizes;

  @Option(names = "--count", paramLabel = "N", description = "Messages per throughput size (default: 100).")
  private Integer count;

  @Option(names = "--map-dt", split = ",", paramLabel = "MS", description = "Task durations in ms for map (default: 1,2,...,128).")
  private int[] mapDtMs;

  @Option(names = "--map-n", paramLabel = "N", description = "Tasks per map (default: 16 per engine).")
  private Integer mapN;

  @Option(names = "--map-repeat", paramLabel = "N",
      description = "Maps per task duration; each row is their median (default: some 0.4 s of maps, 3 to 25).")
  private Integer mapRepeat;

  @Option(names = "--single", paramLabel = "N", description = "Sequential calls for single (default: 500).")
  private Integer single;

  @Option(names = "--no-warmup", description = "Skip the JIT warm-up round.")
  private boolean noWarmup;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON here.")
  private String json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Also write a PNG chart here.")
  private String plot;

  @Option(names = "--label", paramLabel = "TEXT", description = "Free text kept with the results.")
  private String label;

  private Set<Kind> kinds = EnumSet.noneOf(Kind.class);

  /** The flags of {@code %bench}: the benchmarks must be named. */
  public BenchOptions() {
    this(true);
  }

  private BenchOptions(boolean required) {
    this.required = required;
  }

  /** The flags of {@code jpar bench}: every benchmark when none is named. */
  public static BenchOptions allByDefault() {
    return new BenchOptions(false);
  }

  @Override
  public void validate() {
    if (what == null && required) {
      throw new IllegalArgumentException("missing required parameter: 'BENCHMARK' (latency, throughput, map, "
          + "granularity, single, hops or all)");
    }
    kinds = EnumSet.noneOf(Kind.class);
    for (String part : (what == null ? "all" : what).split(",")) {
      String p = part.strip().toUpperCase(Locale.ROOT);
      if (p.equals("ALL")) {
        kinds.addAll(EnumSet.allOf(Kind.class));
        continue;
      }
      try {
        kinds.add(Kind.valueOf(p));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown benchmark '" + part.strip()
            + "' (latency, throughput, map, granularity, single, hops or all)");
      }
    }
    if (view != null && !view.equalsIgnoreCase("loadbalanced") && !view.equalsIgnoreCase("direct")) {
      throw new IllegalArgumentException("--view must be loadbalanced or direct but was '" + view + "'");
    }
    for (Integer n : new Integer[] {latencyRepeat, count, mapN, mapRepeat, single}) {
      if (n != null && n < 1) {
        throw new IllegalArgumentException("counts must be at least 1 but one was " + n);
      }
    }
  }

  /** The benchmarks asked for, in declaration order. */
  public Set<Kind> kinds() {
    return kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
  }

  public Optional<String> view() {
    return Optional.ofNullable(view).map(v -> v.toLowerCase(Locale.ROOT));
  }

  public Optional<int[]> latencyN() {
    return Optional.ofNullable(latencyN).map(int[]::clone);
  }

  public Optional<Integer> latencyRepeat() {
    return Optional.ofNullable(latencyRepeat);
  }

  public Optional<long[]> sizes() {
    return Optional.ofNullable(sizes).map(long[]::clone);
  }

  public Optional<Integer> count() {
    return Optional.ofNullable(count);
  }

  public Optional<int[]> mapDtMs() {
    return Optional.ofNullable(mapDtMs).map(int[]::clone);
  }

  public Optional<Integer> mapN() {
    return Optional.ofNullable(mapN);
  }

  public Optional<Integer> mapRepeat() {
    return Optional.ofNullable(mapRepeat);
  }

  public Optional<Integer> single() {
    return Optional.ofNullable(single);
  }

  public boolean warmUp() {
    return !noWarmup;
  }

  public Optional<String> json() {
    return Optional.ofNullable(json);
  }

  public Optional<String> plot() {
    return Optional.ofNullable(plot);
  }

  public Optional<String> label() {
    return Optional.ofNullable(label);
  }
}
