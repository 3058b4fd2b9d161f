/**
 * The jpar command line (picocli): thin adapters over the other modules.
 */
package io.jparallel.cli;
