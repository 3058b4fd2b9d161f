/**
 * The controller: hub and schedulers on one event-loop thread (see controller/README.md). Depends on core only.
 */
package io.jparallel.controller;
