/**
 * JFR events the runtime records: a process crashed, a supervisor restarted a child or gave up, a Peeper server
 * restarted its worker. Read them with JDK Flight Recorder ({@code jfr print --events dev.peeper.*}); their
 * names and fields are the user-facing part. Creating and committing them is the runtime's job (internal).
 */
package dev.peeper.observe;
