/**
 * The client API: {@link io.jparallel.client.Client}, views, {@link io.jparallel.client.AsyncResult} and the unchecked exceptions. Depends on core.
 */
package io.jparallel.client;
