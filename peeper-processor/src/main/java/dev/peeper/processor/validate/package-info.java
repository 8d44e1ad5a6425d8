/**
 * Stage 2, validate: the rules, one class per group, filling a {@link dev.peeper.processor.validate.ValidationReport}
 * per server class; a class that passes is read into a {@link dev.peeper.processor.validate.ServerShape}. All
 * message texts are in {@link dev.peeper.processor.validate.Message}.
 *
 * <p>Internal to the processor: the module {@code dev.peeper.processor} does not export this package.
 */
package dev.peeper.processor.validate;
