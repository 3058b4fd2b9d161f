/** The JVM options of the JVMs jparallel starts ({@link io.jparallel.jvm.JvmOptions}). */
package io.jparallel.jvm;
