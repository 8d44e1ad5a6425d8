/**
 * Supervisors, OTP's {@code supervisor}: {@link dev.peeper.supervisor.Supervisor} starts a tree of children
 * described by {@link dev.peeper.supervisor.ChildSpec}s and restarts them by a
 * {@link dev.peeper.supervisor.Strategy}; {@link dev.peeper.supervisor.DynamicSupervisor} starts children on
 * demand.
 *
 * <p>Who the types are for:
 * <ul>
 *   <li><b>User API</b>: {@code Supervisor}, {@code SupervisorRef}, {@code SupervisorFlags}, {@code Strategy},
 *       {@code AutoShutdown}, {@code DynamicSupervisor}, {@code DynamicSupervisorRef},
 *       {@code DynamicSupervisorOptions}, {@code ChildSpec}, {@code ChildStart}, {@code Restart},
 *       {@code Shutdown}, {@code ChildType}, {@code ChildInfo}, {@code ChildCounts}, and
 *       {@code SupervisorException} with its {@code Kind}.</li>
 *   <li><b>Internal</b>: the package-private supervisor servers, child records, requests and logging, and the
 *       restart intensity Peeper servers share with supervisors, in {@code dev.peeper.supervisor.internal} (not
 *       exported).</li>
 * </ul>
 */
package dev.peeper.supervisor;
