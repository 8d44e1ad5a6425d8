/**
 * The annotations a Peeper user writes: {@link dev.peeper.annotations.GenServer} and its options. Nothing here
 * is needed at run time; the {@code peeper-processor} annotation processor reads them at compile time.
 */
package dev.peeper.annotations;
