/**
 * Sample: a hot cache with time-to-live entries that expire through {@code handleInfo} timers and survive crashes
 * of the worker, with {@code restore} re-arming the timers.
 */
package dev.peeper.samples.cache;
