/**
 * Stage 1, find: which classes to process this round, and what each declares (its {@code @GenServer} values and
 * its callback methods, found by name), before any check.
 *
 * <p>Internal to the processor: the module {@code dev.peeper.processor} does not export this package.
 */
package dev.peeper.processor.find;
