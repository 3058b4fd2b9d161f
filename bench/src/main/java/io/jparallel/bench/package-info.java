/**
 * IPython parallel's documented benchmarks, same method and JSON schema. Depends on client.
 */
package io.jparallel.bench;
