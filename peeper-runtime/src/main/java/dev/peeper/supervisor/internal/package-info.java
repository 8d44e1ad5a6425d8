/**
 * Internal: the restart intensity (OTP's sliding window of restarts) that supervisors and Peeper servers share.
 * Not exported; applications set it through {@code SupervisorFlags}, {@code DynamicSupervisorOptions} and
 * {@code PeeperOptions}.
 */
package dev.peeper.supervisor.internal;
