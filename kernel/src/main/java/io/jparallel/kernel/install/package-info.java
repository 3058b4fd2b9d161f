/**
 * Kernelspec installation ({@code jpar kernel install}): where Jupyter looks
 * ({@link io.jparallel.kernel.install.InstallLocation}), how the kernel is started
 * ({@link io.jparallel.kernel.install.KernelLaunch}) and the writer
 * ({@link io.jparallel.kernel.install.KernelSpecInstaller}).
 */
package io.jparallel.kernel.install;
