/**
 * Shipping code with tasks: a lambda or class typed into JShell, the kernel or a user's
 * own jar runs on engines that never saw its bytecode.
 *
 * <p>{@link io.jparallel.client.shipping.ReplJShell} runs core's in-process JShell, which keeps
 * every snippet class's bytes, and registers its {@link io.jparallel.client.shipping.ReplClasses}
 * as a {@link io.jparallel.client.shipping.ClassBytesSource} with
 * {@link io.jparallel.client.shipping.ClassSources}.
 * {@link io.jparallel.client.shipping.FunctionShipper#ship} turns a function into a
 * {@link io.jparallel.client.shipping.ShippedFunction}: its serialized form and hash, the
 * user classes it needs ({@link io.jparallel.client.shipping.ClassFile}) and the REPL
 * variables it reads, snapshotted at that moment
 * ({@link io.jparallel.client.shipping.StaticValue}) — the parts of an
 * {@code apply_request}.
 */
package io.jparallel.client.shipping;
