/**
 * The serializable functional interfaces that type remote tasks. A lambda written against
 * one of them serializes as a {@link java.lang.invoke.SerializedLambda} naming its
 * capturing class, which is what lets its bytecode travel to engines.
 */
package io.jparallel.fn;
