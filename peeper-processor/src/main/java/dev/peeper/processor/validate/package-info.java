/**
 * Stage 2, validate: the rules, one class per group, filling a {@link dev.peeper.processor.validate.ValidationReport}
 * per server class; a class that passes is read into a {@link dev.peeper.processor.validate.ServerShape}. All
 * message texts are in {@link dev.peeper.processor.validate.Message}.
 */
package dev.peeper.processor.validate;
