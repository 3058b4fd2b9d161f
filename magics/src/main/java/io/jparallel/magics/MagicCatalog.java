package io.jparallel.magics;

import java.util.List;

/**
 * The definitions of jparallel's magics (the contract's table): names, forms, descriptions and
 * flags. Front ends bind each to what it does, e.g.
 * {@code registry.register(MagicCatalog.PX.bind((inv, session) -> session.px(inv)))}.
 * {@code %lsmagic} and {@code %magic} are bound by {@link MagicRegistry} itself.
 */
public final class MagicCatalog {
  private MagicCatalog() {}

  public static final MagicDefinition PX = MagicDefinition.line("px", "Run JShell source on the engines.")
      .lineAndCell().withOptions(PxOptions::new).withCode("CODE")
      .withDetails("""
          %%px [flags] runs the cell's body on the engines.
          Flags not given take the defaults set by %pxconfig.
          Examples:
            %px --targets 0,2 System.out.println("hello")
            %px --noblock --timeout 30 heavyWork()""");

  public static final MagicDefinition AUTOPX = MagicDefinition.line("autopx",
      "Toggle: every following input runs on the engines (as %%px) until %autopx again.");

  public static final MagicDefinition PXRESULT = MagicDefinition.line("pxresult",
      "Show the outputs and results of the last %px (e.g. one run with --noblock), by engine.")
      .withOptions(PxResultOptions::new)
      .withDetails("Waits for the last %px if it still runs. Example: %pxresult --targets 0");

  public static final MagicDefinition RESULT = MagicDefinition.line("result",
      "Same as %pxresult (IPython parallel's older name).")
      .withOptions(PxResultOptions::new);

  public static final MagicDefinition WHO = MagicDefinition.line("who",
      "List the session's variables (with %px, each engine's), optionally of some types only.")
      .withOptions(WhoOptions::new)
      .withDetails("""
          Examples: %who, %who int String, %px %who. /vars lists them with their values, as jshell.""");

  public static final MagicDefinition WHOS = MagicDefinition.line("whos",
      "Like %who, as a table of each variable's name, type and value (with %px, each engine's).")
      .withOptions(WhoOptions::new);

  public static final MagicDefinition PXCONFIG = MagicDefinition.line("pxconfig",
      "Set the default flags of %px, %%px and %autopx; without flags, show them.")
      .withOptions(PxOptions::new);

  public static final MagicDefinition CLUSTER = MagicDefinition.line("cluster",
      "Manage the session's cluster: start [-n N] [--engines local|ssh|slurm|mpi], stop, restart, status, connect [FILE].")
      .withOptions(ClusterOptions::new)
      .withDetails("""
          start: a cluster (controller + N engines: local JVMs, or --engines ssh --hosts h1:4,h2:4,
          --engines slurm, --engines mpi); says so and keeps it if one runs.
          restart: replaces the running cluster. stop: stops the cluster the session started.
          connect: uses a running cluster through its client connection file.
          Once there is a cluster, rc, dv and lv are defined.""");

  public static final MagicDefinition TIME = MagicDefinition.line("time",
      "Time one run of a statement: CPU (user, sys, total) and wall time.")
      .lineAndCell().withCode("STMT")
      .withDetails("%%time times the whole cell; nothing may follow %%time on its line.");

  public static final MagicDefinition TIMEIT = MagicDefinition.line("timeit",
      "Time a statement with IPython's timeit: mean \u00b1 std. dev. of -r runs of -n loops.")
      .lineAndCell().withOptions(TimeitOptions::new).withCode("STMT").withCellCode("SETUP")
      .withDetails("""
          %%timeit [flags] SETUP: the code on the %%timeit line is setup, run once and not timed;
          the cell's body is timed.
          Without -n, the loop count is 1, 10, 100, ... until one run takes at least 0.2 s.
          Example: %timeit -n 1000 -r 3 Math.sqrt(2)""");

  public static final MagicDefinition BENCH = MagicDefinition.line("bench",
      "Run the seed benchmarks (latency, throughput, map, granularity, hops) on the session's cluster.")
      .withOptions(BenchOptions::new)
      .withDetails("""
          granularity answers "how small may my tasks be" for this cluster.
          hops shows where a task's time goes: median and p99 of each hop (client, controller,
          engine, and the transfers between them), load-balanced and direct.
          Each benchmark takes under a minute with the defaults.""");

  public static final MagicDefinition MAVEN = MagicDefinition.line("maven",
      "Add Maven artifacts and their runtime dependencies, locally and on every engine.")
      .withOptions(MavenOptions::new)
      .withDetails("""
          Resolves with Maven's resolver: the local repository (~/.m2/repository) first, then Maven
          Central and the --repo repositories; ~/.m2/settings.xml mirrors, proxies and servers apply.
          The jars are usable at once in this session (imports, completion) and in lambdas and %px
          code on every engine, also on engines that join later; each jar travels once per engine.
          Example: %maven org.apache.commons:commons-math3:3.6.1""");

  public static final MagicDefinition CLASSPATH = MagicDefinition.line("classpath",
      "Add jars or class folders, locally and on every engine.")
      .withOptions(ClasspathOptions::new)
      .withDetails("""
          Like %maven for files: usable at once here and on every engine, present and future.
          Example: %classpath lib/mylib.jar build/classes""");

  public static final MagicDefinition DASHBOARD = MagicDefinition.line("dashboard",
      "Serve the cluster's live dashboard and show its link (in a notebook, with a snapshot of the engines).")
      .withDetails("""
          The page (http://127.0.0.1:PORT/?token=...) shows the engines, a live task stream per engine,
          tasks per second, where time goes per hop, recent failures with their remote stack traces and
          the task records searchable by label. It runs until the session's cluster stops.
          From a shell: jpar dashboard; from Java: cluster.dashboard().url().""");

  public static final MagicDefinition LSMAGIC = MagicDefinition.line("lsmagic", "List the available magics.");

  public static final MagicDefinition MAGIC = MagicDefinition.line("magic",
      "Explain a magic: %magic NAME (same as NAME? or %NAME?).")
      .withOptions(MagicNameOptions::new);

  /** Every definition above. */
  public static List<MagicDefinition> all() {
    return List.of(PX, AUTOPX, PXRESULT, RESULT, PXCONFIG, CLUSTER, TIME, TIMEIT, BENCH, DASHBOARD, MAVEN, CLASSPATH, WHO,
        WHOS, LSMAGIC, MAGIC);
  }
}
