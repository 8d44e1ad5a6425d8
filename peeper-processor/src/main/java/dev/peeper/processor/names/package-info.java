/**
 * The vocabulary every stage shares: the names the processor makes up, the client's methods as the compiler
 * tells them apart (the writer reports what it generates in these terms, and the clash check compares them) and
 * the runtime types generated code refers to.
 *
 * <p>Internal to the processor: the module {@code dev.peeper.processor} does not export this package.
 */
package dev.peeper.processor.names;
