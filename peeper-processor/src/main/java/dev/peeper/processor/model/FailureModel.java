package dev.peeper.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * A checked exception a {@code handleCall} declares: a business error, which the dispatcher answers the caller
 * with (through {@code From.fail}) instead of crashing, and which the client rethrows as itself.
 *
 * @param type            the exception type, as declared
 * @param coversUnchecked whether it is {@code Exception} or {@code Throwable}, a supertype of unchecked exceptions
 *                        too: those must still crash the worker, so generated code tells them apart
 */
public record FailureModel(TypeName type, boolean coversUnchecked) {
}
