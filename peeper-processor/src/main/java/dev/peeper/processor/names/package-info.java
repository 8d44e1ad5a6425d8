/**
 * The vocabulary every stage shares: the names the processor makes up, the client's method signatures (so the
 * clash check and the writer agree) and the runtime types generated code refers to.
 */
package dev.peeper.processor.names;
