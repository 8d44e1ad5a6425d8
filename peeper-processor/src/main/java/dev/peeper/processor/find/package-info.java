/**
 * Stage 1, find: which classes to process this round, and what each declares (its {@code @GenServer} values and
 * its callback methods, found by name), before any check.
 */
package dev.peeper.processor.find;
