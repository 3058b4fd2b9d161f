package io.jparallel.kernel.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jparallel.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecInstallerTest {
  @TempDir
  Path tmp;

  @Test
  void jarLaunchGetsItsOwnCopyOfTheJarAndTheRunningJava() throws Exception {
    Path jar = Files.writeString(tmp.resolve("build-jpar.jar"), "not really a jar");
    Path dir = KernelSpecInstaller.install(new InstallLocation.Prefix(tmp.resolve("prefix")), "jparallel",
        KernelSpecInstaller.DEFAULT_DISPLAY_NAME, new KernelLaunch.Jar(jar), KernelSpecInstaller.defaultJvmOptions());

    assertThat(dir).isEqualTo(tmp.resolve("prefix/share/jupyter/kernels/jparallel").toAbsolutePath());
    assertThat(dir.resolve("jpar.jar")).hasContent("not really a jar");
    JsonNode spec = Json.tree(Files.readAllBytes(dir.resolve("kernel.json")));
    List<String> argv = new java.util.ArrayList<>();
    spec.get("argv").forEach(e -> argv.add(e.asText()));
    assertThat(Path.of(argv.get(0))).isAbsolute().endsWith(Path.of("bin", "java"));
    assertThat(argv.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(argv).contains("-Djparallel.role=kernel")
        .containsSubsequence("-jar", dir.resolve("jpar.jar").toString(), "kernel", "run", "--connection-file", "{connection_file}");
    assertThat(spec.get("display_name").asText()).isEqualTo("Java (jparallel)");
    assertThat(spec.get("language").asText()).isEqualTo("java");
    assertThat(spec.get("interrupt_mode").asText()).isEqualTo("message");

    Files.delete(jar); // the checkout moves or is rebuilt: the kernelspec keeps its copy
    assertThat(dir.resolve("jpar.jar")).exists();
  }

  @Test
  void reinstallReplacesAndNamesAreValidated() throws Exception {
    InstallLocation where = new InstallLocation.Prefix(tmp);
    KernelLaunch cp = new KernelLaunch.ClassPath("/a.jar:/b");
    KernelSpecInstaller.install(where, "jp", "One", cp, List.of());
    Path dir = KernelSpecInstaller.install(where, "jp", "Two", cp, List.of());
    assertThat(Files.readString(dir.resolve("kernel.json"))).contains("\"Two\"").contains("io.jparallel.kernel.KernelMain");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kernel.json");
    }
    assertThatThrownBy(() -> KernelSpecInstaller.install(where, "../evil", "x", cp, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
