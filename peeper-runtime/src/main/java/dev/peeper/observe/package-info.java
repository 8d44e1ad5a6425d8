/**
 * JFR events the runtime records: a process crashed, a supervisor restarted a child or gave up, a Peeper server
 * restarted its worker. Read them with JDK Flight Recorder ({@code jfr print --events dev.peeper.*}); their
 * names and fields are the user-facing part. Creating and committing them is the runtime's job.
 *
 * <p>Internal: the module does not export this package (the flight recorder reads the events without it). The
 * event names are listed in the module's description.
 */
package dev.peeper.observe;
