package io.jparallel.magics;

import picocli.CommandLine.Command;

/** The options of a magic that takes no flags. */
@Command
public final class NoOptions implements MagicOptions {}
