/**
 * The wire protocol: signed Jupyter-style multipart messages, sockets, connection files and profiles. The bottom layer.
 */
package io.jparallel.wire;
