package io.jparallel.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MagicArgsTest {
  private static MagicInvocation line(MagicDefinition def, String args) {
    return MagicArgs.parse(def, MagicCall.line(def.name(), args));
  }

  private static String error(MagicDefinition def, String args) {
    try {
      line(def, args);
    } catch (UsageError e) {
      return e.line();
    }
    throw new AssertionError("no UsageError for " + args);
  }

  // %timeit

  @Test
  void timeitFlagsAndVerbatimCode() {
    MagicInvocation inv = line(MagicCatalog.TIMEIT, "-n 100 -r 3 Math.sqrt(2)");
    TimeitOptions o = inv.options(TimeitOptions.class);
    assertThat(o.loops()).contains(100L);
    assertThat(o.repeat()).isEqualTo(3);
    assertThat(inv.code()).isEqualTo("Math.sqrt(2)");
    assertThat(TimedCode.of(inv)).isEqualTo(new TimedCode("", "Math.sqrt(2)"));
  }

  @Test
  void timeitDefaults() {
    TimeitOptions o = line(MagicCatalog.TIMEIT, "f()").options(TimeitOptions.class);
    assertThat(o.loops()).isEmpty();
    assertThat(o.repeat()).isEqualTo(7);
    assertThat(o.quiet()).isFalse();
    assertThat(o.returnResult()).isFalse();
    assertThat(o.precision()).isEqualTo(3);
  }

  @Test
  void timeitAttachedAndClusteredFlags() {
    MagicInvocation inv = line(MagicCatalog.TIMEIT, "-n100 -r=2 -qo -p 4 x * y");
    TimeitOptions o = inv.options(TimeitOptions.class);
    assertThat(o.loops()).contains(100L);
    assertThat(o.repeat()).isEqualTo(2);
    assertThat(o.quiet()).isTrue();
    assertThat(o.returnResult()).isTrue();
    assertThat(o.precision()).isEqualTo(4);
    assertThat(inv.code()).isEqualTo("x * y");
  }

  @Test
  void timeitFlagsAfterTheCodeBelongToTheCode() {
    MagicInvocation inv = line(MagicCatalog.TIMEIT, "-q foo(-n, \"-r 3\")  ");
    assertThat(inv.options(TimeitOptions.class).repeat()).isEqualTo(7);
    assertThat(inv.code()).isEqualTo("foo(-n, \"-r 3\")");
  }

  @Test
  void doubleDashEndsTheFlags() {
    MagicInvocation inv = line(MagicCatalog.TIMEIT, "-n 5 -- -x + 1");
    assertThat(inv.code()).isEqualTo("-x + 1");
  }

  @Test
  void timeitCellLineIsSetup() {
    MagicInvocation inv = MagicArgs.parse(MagicCatalog.TIMEIT,
        MagicCall.cell("timeit", "-r 1 int[] xs = {3, 1, 2};", "Arrays.sort(xs.clone());"));
    assertThat(inv.options(TimeitOptions.class).repeat()).isEqualTo(1);
    assertThat(TimedCode.of(inv)).isEqualTo(new TimedCode("int[] xs = {3, 1, 2};", "Arrays.sort(xs.clone());"));
    assertThat(inv.source()).isEqualTo("Arrays.sort(xs.clone());");
  }

  @Test
  void timeitBadFlagsAreOneLine() {
    assertThat(error(MagicCatalog.TIMEIT, "-x f()")).isEqualTo("UsageError: %timeit: unknown option '-x' (see %timeit?)");
    assertThat(error(MagicCatalog.TIMEIT, "-n abc f()"))
        .startsWith("UsageError: %timeit: invalid value for option '-n': 'abc' is not a long").doesNotContain("\n");
    assertThat(error(MagicCatalog.TIMEIT, "-n")).startsWith("UsageError: %timeit: missing required parameter for option '-n'");
    assertThat(error(MagicCatalog.TIMEIT, "-n 0 f()")).isEqualTo("UsageError: %timeit: -n must be at least 1 but was 0");
    assertThat(error(MagicCatalog.TIMEIT, "-r 0 f()")).isEqualTo("UsageError: %timeit: -r must be at least 1 but was 0");
  }

  @Test
  void cellFormNameIsShownInErrors() {
    assertThatThrownBy(() -> MagicArgs.parse(MagicCatalog.TIMEIT, MagicCall.cell("timeit", "-z", "f();")))
        .isInstanceOf(UsageError.class).hasMessage("%%timeit: unknown option '-z' (see %timeit?)");
  }

  @Test
  void helpFlag() {
    assertThat(line(MagicCatalog.TIMEIT, "--help").helpRequested()).isTrue();
    assertThat(line(MagicCatalog.PX, "-h").helpRequested()).isTrue();
  }

  // %time

  @Test
  void timeTakesTheStatementVerbatim() {
    MagicInvocation inv = line(MagicCatalog.TIME, "  fib( 30 )  ");
    assertThat(inv.code()).isEqualTo("fib( 30 )");
    assertThat(error(MagicCatalog.TIME, "-v f()")).isEqualTo("UsageError: %time: unknown option '-v' (see %time?)");
  }

  @Test
  void cellTimeRejectsCodeOnItsLine() {
    assertThatThrownBy(() -> MagicArgs.parse(MagicCatalog.TIME, MagicCall.cell("time", "f()", "g();")))
        .isInstanceOf(UsageError.class)
        .hasMessage("%%time: unexpected 'f()' after the flags; the code goes in the cell body");
    assertThat(MagicArgs.parse(MagicCatalog.TIME, MagicCall.cell("time", "", "g();")).source()).isEqualTo("g();");
  }

  // %px

  @Test
  void pxEveryFlag() {
    MagicInvocation inv = line(MagicCatalog.PX,
        "--targets 0,2 --noblock --group-outputs=engine --stream --local --timeout 2.5 --verbose System.out.println(\"a  b\")");
    PxOptions o = inv.options(PxOptions.class);
    assertThat(o.targets()).contains(Targets.of(0, 2));
    assertThat(o.block()).contains(false);
    assertThat(o.groupOutputs()).contains(GroupOutputs.ENGINE);
    assertThat(o.stream()).contains(true);
    assertThat(o.local()).contains(true);
    assertThat(o.timeout()).contains(Duration.ofMillis(2500));
    assertThat(o.verbose()).contains(true);
    assertThat(inv.code()).isEqualTo("System.out.println(\"a  b\")");
  }

  @Test
  void pxFlagsNotGivenKeepDefaults() {
    MagicInvocation inv = line(MagicCatalog.PX, "--targets all --block int a = 5;");
    PxOptions o = inv.options(PxOptions.class);
    assertThat(inv.code()).isEqualTo("int a = 5;");
    PxSettings base = new PxSettings(Targets.of(1), false, GroupOutputs.ORDER, true, false,
        java.util.Optional.of(Duration.ofSeconds(9)), true);
    assertThat(o.applyTo(base)).isEqualTo(new PxSettings(Targets.ALL, true, GroupOutputs.ORDER, true, false,
        java.util.Optional.of(Duration.ofSeconds(9)), true));
  }

  @Test
  void pxNegatedFlagsAndLastBlockFlagWins() {
    PxOptions o = line(MagicCatalog.PXCONFIG, "--block --noblock --no-stream --no-local --no-verbose --group-outputs TYPE")
        .options(PxOptions.class);
    assertThat(o.block()).contains(false);
    assertThat(o.stream()).contains(false);
    assertThat(o.local()).contains(false);
    assertThat(o.verbose()).contains(false);
    assertThat(o.groupOutputs()).contains(GroupOutputs.TYPE);
    assertThat(o.applyTo(PxSettings.DEFAULTS).toString())
        .isEqualTo("--targets all --noblock --group-outputs=type --no-stream --no-local --no-verbose");
  }

  @Test
  void pxTargetRanges() {
    PxOptions o = line(MagicCatalog.PX, "--targets=0-2,5 x").options(PxOptions.class);
    assertThat(o.targets()).contains(Targets.of(0, 1, 2, 5));
  }

  @Test
  void pxBadFlagsAreOneLine() {
    assertThat(error(MagicCatalog.PX, "--targets x,y f()"))
        .isEqualTo("UsageError: %px: invalid value for option '--targets': expected 'all' or engine ids like 0,2 or 0-3 but was 'x,y' (see %px?)");
    assertThat(error(MagicCatalog.PX, "--group-outputs=foo f()"))
        .isEqualTo("UsageError: %px: invalid value for option '--group-outputs': expected engine, order or type but was 'foo' (see %px?)");
    assertThat(error(MagicCatalog.PX, "--timeout -1 f()")).isEqualTo("UsageError: %px: --timeout must be a positive number of seconds but was -1.0");
    assertThat(error(MagicCatalog.PX, "--timeout soon f()")).startsWith("UsageError: %px: invalid value for option '--timeout'");
    assertThat(error(MagicCatalog.PX, "--noblok f()")).isEqualTo("UsageError: %px: unknown option '--noblok' (did you mean --noblock?)");
    for (String args : new String[] {"--targets", "--bogus f()", "--stream=maybe f()"}) {
      assertThat(error(MagicCatalog.PX, args)).as(args).startsWith("UsageError: %px: ").doesNotContain("\n");
    }
  }

  @Test
  void pxCellTakesFlagsOnly() {
    MagicInvocation inv = MagicArgs.parse(MagicCatalog.PX, MagicCall.cell("px", "--targets 1", "int a = 1;\n"));
    assertThat(inv.options(PxOptions.class).targets()).contains(Targets.of(1));
    assertThat(inv.source()).isEqualTo("int a = 1;\n");
    assertThatThrownBy(() -> MagicArgs.parse(MagicCatalog.PX, MagicCall.cell("px", "--targets 1 foo()", "")))
        .hasMessage("%%px: unexpected 'foo()' after the flags; the code goes in the cell body");
  }

  @Test
  void pxconfigTakesNoCode() {
    assertThat(error(MagicCatalog.PXCONFIG, "--block foo")).isEqualTo("UsageError: %pxconfig: unexpected argument 'foo' (see %pxconfig?)");
  }

  // %cluster

  @Test
  void clusterActions() {
    ClusterOptions start = line(MagicCatalog.CLUSTER, "start -n 4").options(ClusterOptions.class);
    assertThat(start.action()).isEqualTo(ClusterOptions.Action.START);
    assertThat(start.engines()).contains(4);
    ClusterOptions connect = line(MagicCatalog.CLUSTER, "connect '/tmp/my dir/client-x.json'").options(ClusterOptions.class);
    assertThat(connect.action()).isEqualTo(ClusterOptions.Action.CONNECT);
    assertThat(connect.file()).contains("/tmp/my dir/client-x.json");
    assertThat(line(MagicCatalog.CLUSTER, "").options(ClusterOptions.class).action()).isEqualTo(ClusterOptions.Action.STATUS);
    assertThat(line(MagicCatalog.CLUSTER, "STOP").options(ClusterOptions.class).action()).isEqualTo(ClusterOptions.Action.STOP);
    assertThat(line(MagicCatalog.CLUSTER, "-n 2 restart").options(ClusterOptions.class).engines()).contains(2);
  }

  @Test
  void clusterMistakes() {
    assertThat(error(MagicCatalog.CLUSTER, "launch"))
        .isEqualTo("UsageError: %cluster: invalid value for positional parameter at index 0 (ACTION): expected start, stop, restart, status or connect but was 'launch' (see %cluster?)");
    assertThat(error(MagicCatalog.CLUSTER, "stop -n 3")).isEqualTo("UsageError: %cluster: -n only applies to start and restart");
    assertThat(error(MagicCatalog.CLUSTER, "status foo.json"))
        .isEqualTo("UsageError: %cluster: unexpected argument 'foo.json' (only connect takes a FILE)");
    assertThat(error(MagicCatalog.CLUSTER, "connect a b")).isEqualTo("UsageError: %cluster: unexpected argument 'b' (see %cluster?)");
  }

  // %bench

  @Test
  void benchKindsAndSizes() {
    BenchOptions o = line(MagicCatalog.BENCH, "latency,map --latency-n 16,64 --no-warmup --json out.json").options(BenchOptions.class);
    assertThat(o.kinds()).containsExactly(BenchOptions.Kind.LATENCY, BenchOptions.Kind.MAP);
    assertThat(o.latencyN()).hasValueSatisfying(n -> assertThat(n).containsExactly(16, 64));
    assertThat(o.warmUp()).isFalse();
    assertThat(o.json()).contains("out.json");
    assertThat(o.sizes()).isEmpty();
    assertThat(line(MagicCatalog.BENCH, "all").options(BenchOptions.class).kinds()).containsExactly(BenchOptions.Kind.values());
    assertThat(error(MagicCatalog.BENCH, "speed"))
        .isEqualTo("UsageError: %bench: unknown benchmark 'speed' (latency, throughput, map, granularity, single, hops or all)");
    assertThat(error(MagicCatalog.BENCH, "")).startsWith("UsageError: %bench: missing required parameter");
  }

  @Test
  void benchRepeatFlags() {
    assertThat(line(MagicCatalog.BENCH, "map --map-repeat 5").options(BenchOptions.class).mapRepeat()).contains(5);
    assertThat(line(MagicCatalog.BENCH, "map").options(BenchOptions.class).mapRepeat()).isEmpty();
    assertThat(line(MagicCatalog.BENCH, "latency --latency-repeat 7").options(BenchOptions.class).latencyRepeat()).contains(7);
    assertThat(line(MagicCatalog.BENCH, "latency").options(BenchOptions.class).latencyRepeat()).isEmpty();
    for (String flag : new String[] {"map --map-repeat 0", "latency --latency-repeat 0"}) {
      assertThat(error(MagicCatalog.BENCH, flag)).isEqualTo("UsageError: %bench: counts must be at least 1 but one was 0");
    }
  }
}
