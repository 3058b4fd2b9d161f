package io.jparallel.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MagicRegistryTest {
  /** A stand-in front-end context: records what the magics were asked to do. */
  static final class Session {
    final List<String> log = new ArrayList<>();
  }

  private MagicRegistry<Session> registry;

  @BeforeEach
  void setUp() {
    registry = new MagicRegistry<>();
    for (MagicDefinition def : MagicCatalog.all()) {
      if (registry.find(def.name()).isEmpty()) {
        registry.register(def.bind((inv, session) -> {
          session.log.add(inv.call().displayName() + " [" + inv.code() + "] {" + inv.body() + "}");
          return def.name();
        }));
      }
    }
  }

  @Test
  void lsmagicListsLineAndCellMagics() {
    assertThat(registry.lsmagic()).isEqualTo("""
        Available line magics:
        %autopx  %bench  %classpath  %cluster  %dashboard  %lsmagic  %magic  %maven  %px  %pxconfig  %pxresult  %result  %time  %timeit  %who  %whos

        Available cell magics:
        %%px  %%time  %%timeit""");
  }

  @Test
  void runsLineAndCellMagicsWithParsedArguments() throws Exception {
    Session session = new Session();
    assertThat(registry.run(MagicCall.line("px", "--targets 0,2 System.out.println(\"a b\")"), session)).isEqualTo("px");
    registry.run((MagicCall) MagicParser.parse("%%timeit -n 3 int x = 1;\nx++;"), session);
    assertThat(session.log).containsExactly("%px [System.out.println(\"a b\")] {}", "%%timeit [int x = 1;] {x++;}");
  }

  @Test
  void lsmagicAndMagicAreBuiltIn() throws Exception {
    assertThat(registry.run(MagicCall.line("lsmagic", ""), new Session()).toString()).startsWith("Available line magics:\n");
    Object help = registry.run(MagicCall.line("magic", "%%timeit"), new Session());
    assertThat(help).isInstanceOf(MagicText.class);
    assertThat(help.toString()).startsWith("%timeit, %%timeit: Time a statement with IPython's timeit");
    assertThat(registry.run(MagicCall.line("magic", ""), new Session()).toString())
        .endsWith("Use %magic NAME, NAME? or %NAME? for help on one magic.");
  }

  @Test
  void helpShowsDescriptionAndPicocliUsage() {
    String help = registry.help("timeit");
    assertThat(help.lines().findFirst()).contains(
        "%timeit, %%timeit: Time a statement with IPython's timeit: mean \u00b1 std. dev. of -r runs of -n loops.");
    assertThat(help).contains("Usage: %timeit [-hoq] [-n=N] [-p=P] [-r=R] STMT", "-n=N", "-r=R", "-q", "-o",
        "%%timeit [flags] SETUP");
    assertThat(registry.help("%px?")).contains("--targets=IDS|all", "--noblock", "--group-outputs=engine|order|type",
        "--[no-]stream", "--[no-]local", "--timeout=SECONDS", "--[no-]verbose",
        "Return at once; %pxresult shows the results.");
    assertThat(registry.help(new ParsedInput.HelpRequest("cluster")).text()).contains("Usage: %cluster", "ACTION", "[FILE]");
    for (MagicDefinition def : MagicCatalog.all()) {
      assertThat(registry.help(def.name())).startsWith(def.displayNames() + ": " + def.description() + "\nUsage: ");
    }
  }

  @Test
  void helpFlagReturnsTheHelp() throws Exception {
    Session session = new Session();
    assertThat(registry.run(MagicCall.line("timeit", "--help"), session).toString()).isEqualTo(registry.help("timeit"));
    assertThat(session.log).isEmpty();
  }

  @Test
  void unknownMagicsAreOneLineUsageErrors() {
    assertThatThrownBy(() -> registry.run(MagicCall.line("foo", "x"), new Session()))
        .isInstanceOf(UsageError.class)
        .hasToString("UsageError: unknown magic %foo (see %lsmagic)");
    assertThatThrownBy(() -> registry.run(MagicCall.cell("foo", "", "x"), new Session()))
        .hasToString("UsageError: unknown cell magic %%foo (see %lsmagic)");
    assertThatThrownBy(() -> registry.help("nope")).hasToString("UsageError: unknown magic %nope (see %lsmagic)");
    assertThatThrownBy(() -> registry.run(MagicCall.line("magic", "nope?"), new Session()))
        .hasToString("UsageError: unknown magic %nope (see %lsmagic)");
  }

  @Test
  void wrongFormIsAUsageError() {
    assertThatThrownBy(() -> registry.run(MagicCall.cell("lsmagic", "", ""), new Session()))
        .hasToString("UsageError: %%lsmagic is not a cell magic; use %lsmagic on a line (see %lsmagic)");
    MagicRegistry<Session> cellOnly = new MagicRegistry<Session>()
        .register(MagicDefinition.cell("html", "Render the cell as HTML.").bind((inv, s) -> inv.body()));
    assertThatThrownBy(() -> cellOnly.run(MagicCall.line("html", ""), new Session()))
        .hasToString("UsageError: %html is a cell magic; start the cell with %%html (see %lsmagic)");
    assertThat(cellOnly.lsmagic()).endsWith("Available cell magics:\n%%html");
  }

  @Test
  void badFlagsThroughTheRegistry() {
    assertThatThrownBy(() -> registry.run(MagicCall.line("timeit", "-x f()"), new Session()))
        .hasToString("UsageError: %timeit: unknown option '-x' (see %timeit?)");
    assertThatThrownBy(() -> registry.parse(MagicCall.line("autopx", "now")))
        .hasToString("UsageError: %autopx: unexpected argument 'now' (see %autopx?)");
  }

  @Test
  void usageErrorsHaveNoStackTrace() {
    UsageError e = new UsageError("x");
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.line()).isEqualTo("UsageError: x");
  }

  @Test
  void magicExposesItsDefinition() {
    Magic<? super Session> px = registry.find("px").orElseThrow();
    assertThat(px.kinds()).containsExactlyInAnyOrder(MagicKind.LINE, MagicKind.CELL);
    assertThat(px.description()).isEqualTo("Run JShell source on the engines.");
    assertThat(px.commandSpec().name()).isEqualTo("%px");
    assertThat(px.commandSpec().findOption("--targets")).isNotNull();
    assertThat(registry.names(MagicKind.CELL)).containsExactly("px", "time", "timeit");
  }

  @Test
  void negativeNumberStartingTheCode() {
    assertThat(registry.parse(MagicCall.line("timeit", "-r 2 -- -1 + 2")).code()).isEqualTo("-1 + 2");
    assertThat(registry.parse(MagicCall.line("timeit", "-r 2 -1 + 2")).code()).isEqualTo("-1 + 2");
    assertThatThrownBy(() -> registry.parse(MagicCall.line("timeit", "-n 3 -x")))
        .hasToString("UsageError: %timeit: unknown option '-x' (see %timeit?)");
  }
}
