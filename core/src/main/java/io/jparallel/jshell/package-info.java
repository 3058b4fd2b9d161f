/**
 * Shared pieces of the in-process JShells of the session and of engines.
 */
package io.jparallel.jshell;
