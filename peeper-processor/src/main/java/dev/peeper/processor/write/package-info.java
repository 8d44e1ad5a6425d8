/**
 * Stage 4, write: JavaPoet generators for the typed client and the dispatch table, on a common base that adds
 * {@code @Generated} and the originating element. {@link dev.peeper.processor.write.StartWiring} is the one place
 * that chooses the runtime's start API.
 *
 * <p>Internal to the processor: the module {@code dev.peeper.processor} does not export this package.
 */
package dev.peeper.processor.write;
