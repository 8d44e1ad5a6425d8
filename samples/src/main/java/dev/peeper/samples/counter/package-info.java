/**
 * Sample: a counter as a {@code @GenServer} class, and the client generated from it. Copy this to start.
 */
package dev.peeper.samples.counter;
