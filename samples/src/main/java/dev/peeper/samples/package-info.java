/**
 * The README's demo ({@link dev.peeper.samples.Demo}); the samples themselves are in the sub-packages. Examples to
 * read and copy, not a library.
 */
package dev.peeper.samples;
