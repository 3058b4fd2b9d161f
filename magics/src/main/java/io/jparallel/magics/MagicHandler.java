package io.jparallel.magics;

import io.jparallel.timing.TimeitResult;

/**
 * What a magic does, given its parsed invocation and the front end's context {@code C}
 * (session, output streams, cluster). Returns the magic's value ({@code %timeit -o}'s
 * {@link TimeitResult}, a {@link MagicText} to print) or {@code null}.
 */
@FunctionalInterface
public interface MagicHandler<C> {
  Object run(MagicInvocation invocation, C context) throws Exception;
}
