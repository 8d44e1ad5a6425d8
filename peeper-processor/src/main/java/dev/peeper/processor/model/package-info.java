/**
 * Stage 3, model: what the writers need, as immutable records of names and flags. Nothing here holds an
 * {@code Element} or a {@code TypeMirror}.
 */
package dev.peeper.processor.model;
