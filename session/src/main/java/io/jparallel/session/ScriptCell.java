package io.jparallel.session;

/** One snippet or magic of a script, with the number of its first line (from 1). */
public record ScriptCell(int line, String code) {}
