// How long %maven takes for an artifact the local repository has, and how long a 10 MiB jar
// takes to reach 4 engines. Run: ./jpar run bench/scripts/libraries.jsh --no-cluster
// (it starts its own 4-engine cluster; commons-math3 and commons-lang3 must be in ~/.m2).
long t0 = System.nanoTime();
double baseline = (System.nanoTime() - t0) / 1e6; // what compiling a snippet like the next ones costs
t0 = System.nanoTime();
%maven org.apache.commons:commons-math3:3.6.1
double firstMaven = (System.nanoTime() - t0) / 1e6;
t0 = System.nanoTime();
%maven org.apache.commons:commons-lang3:3.14.0
double cachedMaven = (System.nanoTime() - t0) / 1e6;

// a jar of 10 MiB: one class reading its 10 MiB resource, stored uncompressed
java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jpar-libraries-bench");
java.nio.file.Path src = java.nio.file.Files.createDirectories(dir.resolve("src/blob"));
java.nio.file.Files.writeString(src.resolve("Blob.java"),
    "package blob; public class Blob { public static int size() throws Exception {"
    + " try (var in = Blob.class.getResourceAsStream(\"/blob.bin\")) { return in.readAllBytes().length; } } }");
javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.resolve("classes").toString(),
    src.resolve("Blob.java").toString());
java.nio.file.Path jar = dir.resolve("blob.jar");
byte[] data = new byte[10 << 20];
new java.util.Random(7).nextBytes(data);
try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
  var cls = new java.util.jar.JarEntry("blob/Blob.class");
  out.putNextEntry(cls);
  out.write(java.nio.file.Files.readAllBytes(dir.resolve("classes/blob/Blob.class")));
  var e = new java.util.jar.JarEntry("blob.bin");
  var crc = new java.util.zip.CRC32();
  crc.update(data);
  e.setMethod(java.util.zip.ZipEntry.STORED);
  e.setSize(data.length);
  e.setCrc(crc.getValue());
  out.putNextEntry(e);
  out.write(data);
}

Cluster cluster = Cluster.local(4);
Client c = cluster.client();
io.jparallel.fn.SerializableCallable<Integer> size = () -> (Integer) Class.forName("blob.Blob").getMethod("size").invoke(null);
c.direct().apply(() -> 1); // engines and their JShell are up
double[] ms = new double[3];
List<Integer> sizes;
{ // one snippet: no JShell compile inside what is timed
  long t = System.nanoTime();
  c.addJars(List.of(jar));
  ms[0] = (System.nanoTime() - t) / 1e6;
  sizes = c.direct().apply(size);
  ms[1] = (System.nanoTime() - t) / 1e6;
  t = System.nanoTime();
  c.direct().apply(size);
  ms[2] = (System.nanoTime() - t) / 1e6;
}
cluster.close();
System.out.printf(java.util.Locale.ROOT,
    "{\"snippet_baseline_ms\": %.0f, \"maven_first_ms\": %.0f, \"maven_cached_ms\": %.0f, \"jar_bytes\": %d, "
    + "\"engines\": 4, \"add_jars_ms\": %.0f, \"add_jars_then_task_on_all_ms\": %.0f, \"same_task_again_ms\": %.0f, "
    + "\"sizes_seen\": %s}%n",
    baseline, firstMaven, cachedMaven, java.nio.file.Files.size(jar), ms[0], ms[1], ms[2], sizes);
