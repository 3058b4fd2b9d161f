/**
 * The engine: a JVM that registers with a controller, then runs the tasks it is sent, one
 * at a time and in order: JShell code ({@code execute_request}) in an in-process JShell,
 * shipped lambdas ({@code apply_request}) in class loaders built from class files the
 * controller sent, and pushes and pulls of that JShell's variables
 * ({@code namespace_request}). {@link io.jparallel.engine.EngineMain} is the process entry
 * point; {@link io.jparallel.engine.Engine#start} runs one in-process. The protocol is the
 * one of {@code core/README.md}.
 */
package io.jparallel.engine;
