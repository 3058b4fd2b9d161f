/**
 * The session core shared by the REPL, the kernel and jpar run: JShell, cluster, magics (see magics/README.md).
 */
package io.jparallel.session;
