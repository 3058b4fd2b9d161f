package io.jparallel.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which class data archive an engine on this host maps in: the one the jpar script made for its jar and JVM. */
class ClassSharingTest {
  @TempDir
  Path dir;

  @Test
  void usesTheArchiveOfThatJarAndThatJvmOnly() throws Exception {
    Path java = JvmOptions.java();
    Path jar = Files.createFile(dir.resolve("jpar.jar"));
    assertThat(JvmOptions.classSharing(java, jar.toString())).as("no archive yet").isEmpty();
    String mangled = java.toRealPath().toString().replaceAll("[^A-Za-z0-9._]", "-");
    Path jsa = Files.createFile(dir.resolve("jpar.jar." + mangled + ".jsa"));
    assertThat(JvmOptions.classSharing(java, jar.toString()))
        .containsExactly("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off", "-Xlog:cds+dynamic=off");
    assertThat(JvmOptions.classSharing(java, jar + File.pathSeparator + dir.resolve("other.jar")))
        .as("an archive is made for one jar's class path").isEmpty();
    assertThat(JvmOptions.classSharing(java, dir.toString())).as("module directories of a build").isEmpty();
  }
}
