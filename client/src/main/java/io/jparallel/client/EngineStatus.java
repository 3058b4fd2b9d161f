package io.jparallel.client;

/** One engine as the controller sees it: tasks queued or running there, tasks it completed. */
public record EngineStatus(int engineId, int queue, long completed, long pid, String hostname) {}
