package io.jparallel.repl;

/** One snippet or magic of a script, with the number of its first line (from 1). */
record ScriptCell(int line, String code) {}
