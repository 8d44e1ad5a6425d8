/**
 * The {@code @GenServer} annotation processor. {@link dev.peeper.processor.GenServerProcessor} hands each round to
 * {@code ServerPipeline}, which runs the stages, one package each:
 * <ol>
 *   <li>{@code find}: the annotated classes of a round (and those deferred from
 *       earlier rounds), read into their callbacks; missing types defer a class to the next round;</li>
 *   <li>{@code validate}: every rule, each problem reported on the element it is
 *       about with a tagged message from {@code Message}; a class with an error is
 *       skipped, the others go on;</li>
 *   <li>{@code model}: an immutable description in names only;</li>
 *   <li>{@code write}: the typed client and the dispatch table.</li>
 * </ol>
 * {@code names} is the vocabulary they share: generated names, client method
 * signatures and the runtime types generated code refers to.
 *
 * <p>Who the types are for: {@link dev.peeper.processor.GenServerProcessor} is the one public type, exported so a
 * build can name it ({@code -processor}); javac finds it as a service by itself. The stage packages are internal
 * (not exported).
 */
package dev.peeper.processor;
