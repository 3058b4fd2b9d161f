package io.jparallel.client.shipping;

import static io.jparallel.client.shipping.Snippets.eval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.fn.Invocable;
import org.junit.jupiter.api.Test;

class ReplJShellTest {

  @Test
  void snippetsSeeTheApiAndRunWithTheSessionLoaderWithoutChangingTheCallersContextLoader() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (ReplJShell repl = ReplJShell.create()) {
      eval(repl, "io.jparallel.fn.SerializableCallable<ClassLoader> c = () -> Thread.currentThread().getContextClassLoader();",
          "ClassLoader seen = c.call();");
      assertThat(repl.valueOf("seen")).isSameAs(repl.control().classLoader());
      assertThat(repl.valueOf("c")).isInstanceOf(Invocable.class);
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
  }

  @Test
  void controlKeepsSnippetBytesAndLiveClassesAndUnregistersOnClose() {
    ReplJShell repl = ReplJShell.create();
    eval(repl, "int k = 3;");
    ReplClasses control = repl.control();
    assertThat(repl.valueOf("k")).isEqualTo(3);
    Class<?> wrapper = findWrapperOf(control, "k");
    assertThat(wrapper).isNotNull();
    assertThat(control.bytesOf(wrapper.getName())).isPresent();
    assertThat(control.liveClass(wrapper.getName())).isSameAs(wrapper);
    assertThat(ClassSources.shared().sourceOf(wrapper.getName(), control.classLoader())).contains(control);
    assertThat(ClassSources.shared().sourceOf(wrapper.getName(), getClass().getClassLoader())).isEmpty();

    repl.close();
    assertThat(ClassSources.shared().sourceOf(wrapper.getName(), control.classLoader())).isEmpty();
  }

  private static Class<?> findWrapperOf(ReplClasses control, String field) {
    for (int n = 1; n < 50; n++) {
      String name = "REPL.$JShell$" + n;
      if (control.bytesOf(name).isPresent()) {
        Class<?> c = control.liveClass(name);
        for (var f : c.getDeclaredFields()) {
          if (f.getName().equals(field)) {
            return c;
          }
        }
      }
    }
    return null;
  }
}
