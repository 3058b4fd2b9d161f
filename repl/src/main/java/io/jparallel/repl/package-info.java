/**
 * The terminal front end of a jparallel session: the JLine 3 REPL ({@link io.jparallel.repl.Repl},
 * {@code jpar repl}) and the script runner ({@code jpar run}). Everything about cells (JShell,
 * magics, the cluster, {@code rc}/{@code dv}/{@code lv}) is the shared
 * {@link io.jparallel.session.Session}'s; this package only reads, completes, prints and
 * interrupts.
 */
package io.jparallel.repl;
