/**
 * Stage 3, model: what the writers need, as immutable records of names and flags. Nothing here holds an
 * {@code Element} or a {@code TypeMirror}.
 *
 * <p>Internal to the processor: the module {@code dev.peeper.processor} does not export this package.
 */
package dev.peeper.processor.model;
