/**
 * Payload codec: inline scalars, raw frames for primitive arrays and byte buffers, filtered Java serialization for the rest.
 */
package io.jparallel.serialize;
