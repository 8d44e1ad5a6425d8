/**
 * The vocabulary every stage shares: the names the processor makes up, the client's methods as the compiler
 * tells them apart (the writer reports what it generates in these terms, and the clash check compares them) and
 * the runtime types generated code refers to.
 */
package dev.peeper.processor.names;
