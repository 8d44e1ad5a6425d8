/**
 * Sample: a supervision tree of Peeper servers, with a listener that appends every state change to a file.
 */
package dev.peeper.samples.tree;
