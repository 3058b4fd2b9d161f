/**
 * The Jupyter kernel: the shared session core ({@code io.jparallel.session.Session}, module
 * session) behind the Jupyter messaging protocol, spoken with core's wire codec
 * ({@code io.jparallel.wire.WireCodec#jupyter}) and Json helper.
 *
 * <p>{@link io.jparallel.kernel.JParallelKernel} is a jupyter-jvm-basekernel
 * {@code BaseKernel} (language info, completion, inspection, is_complete, history,
 * interrupt, shutdown). basekernel 2.3.0's connection, socket loops and request handlers are
 * replaced, not forked: {@link io.jparallel.kernel.KernelServer} binds the sockets,
 * {@link io.jparallel.kernel.ChannelLoop} serves shell and control in blocking receives,
 * {@link io.jparallel.kernel.RequestRouter} and {@link io.jparallel.kernel.ExecuteHandler}
 * answer every request, {@link io.jparallel.kernel.IOPubPublisher} is the single, batching
 * writer of IOPub, and {@link io.jparallel.kernel.CellOutput} publishes a cell's output, also
 * when it arrives after the cell ended.
 */
package io.jparallel.kernel;
