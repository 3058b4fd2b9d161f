package io.jparallel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryJarTest {
  @TempDir
  Path dir;

  @Test
  void aClassFolderPacksToTheSameJarWhateverItsFilesTimes() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes/lib"));
    Files.write(classes.resolve("A.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
    Files.writeString(classes.resolve("notes.txt"), "x");
    LibraryJar first = LibraryJar.read(dir.resolve("classes"));
    Files.setLastModifiedTime(classes.resolve("A.class"), FileTime.fromMillis(0));
    LibraryJar again = LibraryJar.read(dir.resolve("classes"));
    assertThat(first.name()).isEqualTo("classes.jar");
    assertThat(again.hash()).isEqualTo(first.hash()).matches("[0-9a-f]{64}");
    assertThat(first.conflictWith(getClass().getClassLoader())).isEmpty();
  }

  @Test
  void aJarWithOneOfOurClassesConflictsButJdkClassesDoNot() throws Exception {
    Path ours = Files.createDirectories(dir.resolve("ours/io/jparallel/client"));
    Files.write(ours.resolve("Client.class"), new byte[] {1});
    assertThat(LibraryJar.read(dir.resolve("ours")).conflictWith(Client.class.getClassLoader()))
        .contains("io.jparallel.client.Client");
    Path jdk = Files.createDirectories(dir.resolve("jdk/javax/xml/parsers"));
    Files.write(jdk.resolve("DocumentBuilder.class"), new byte[] {1});
    assertThat(LibraryJar.read(dir.resolve("jdk")).conflictWith(Client.class.getClassLoader())).isEmpty();
    assertThatThrownBy(() -> LibraryJar.read(dir.resolve("ours")).checkNoConflictWith(Client.class.getClassLoader()))
        .isInstanceOf(JParallelException.class).hasMessageContaining("ours.jar conflicts with jparallel's own classes");
  }

  @Test
  void missingPathsAndNonJarsAreOneLine() throws Exception {
    assertThatThrownBy(() -> LibraryJar.read(dir.resolve("nope.jar")))
        .isInstanceOf(JParallelException.class).hasMessage("no such jar or class folder: " + dir.resolve("nope.jar"));
    Path text = Files.writeString(dir.resolve("readme.jar"), "not a zip");
    assertThatThrownBy(() -> LibraryJar.read(text)).hasMessageContaining("not a jar");
  }
}
