/**
 * Local clusters: an embedded controller and supervised engine JVMs. Depends on client, controller, engine.
 */
package io.jparallel.cluster;
