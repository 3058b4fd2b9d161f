package io.jparallel.client;

import java.time.Instant;

/**
 * What is known of one finished task: where it ran, when it was submitted, started,
 * completed and received, what it printed, and when it passed each hop ({@link HopTimes}).
 */
public record TaskMetadata(
    String msgId,
    int engineId,
    Instant submitted,
    Instant started,
    Instant completed,
    Instant received,
    String stdout,
    String stderr,
    String status,
    HopTimes hops) {}
