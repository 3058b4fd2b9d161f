/**
 * jparallel's IPython-style magics, independent of the front end: the REPL and the Jupyter
 * kernel share them.
 *
 * <ul>
 *   <li>{@link io.jparallel.magics.MagicParser} recognises {@code %line} and {@code %%cell}
 *       magics and {@code name?} help before JShell sees the input;</li>
 *   <li>{@link io.jparallel.magics.MagicCatalog} defines the magics (flags as picocli options
 *       classes such as {@link io.jparallel.magics.PxOptions}), {@link io.jparallel.magics.MagicRegistry}
 *       resolves and runs them, with {@code %lsmagic}, help and one-line
 *       {@link io.jparallel.magics.UsageError}s;</li>
 *   <li>{@link io.jparallel.magics.TimeitOptions} holds the flags of {@code %timeit}, whose
 *       algorithm (core's {@code io.jparallel.timing}) engines run too;</li>
 *   <li>{@link io.jparallel.magics.UnicodeChart} draws charts as text for terminals.</li>
 * </ul>
 */
package io.jparallel.magics;
