/**
 * The Peeper runtime: processes, the generic server, supervisors, and Peeper servers whose state survives
 * crashes. Generated clients and dispatchers use only its exported packages.
 *
 * <p>Exported, for applications: {@link dev.peeper.process processes}, {@link dev.peeper.registry names},
 * {@link dev.peeper.server the generic server}, {@link dev.peeper.supervisor supervisors},
 * {@link dev.peeper.durable Peeper servers} and {@link dev.peeper.keeper keepers}. Each package's summary says
 * which of its types are API, which are implemented by users or generated code, and which are SPI.
 *
 * <p>Not exported: the {@code *.internal} packages (what a runtime built on the runtime needs, such as the
 * cluster's transport, exported only to {@code dev.peeper.cluster}) and {@code dev.peeper.observe}, the JDK Flight
 * Recorder events, whose names and fields are their public part: {@code dev.peeper.ProcessCrashed},
 * {@code dev.peeper.ChildRestarted}, {@code dev.peeper.SupervisorGaveUp} and {@code dev.peeper.WorkerRestarted}
 * ({@code jfr print --events dev.peeper.*}).
 *
 * <pre>{@code
 * module com.example.shop {
 *     requires dev.peeper.runtime;
 *     requires static dev.peeper.annotations; // @GenServer is read at compile time only
 * }
 * }</pre>
 */
@SuppressWarnings("module") // dev.peeper.cluster is built after this module, so javac cannot see it here
module dev.peeper.runtime {
    requires org.slf4j;
    requires jdk.jfr;

    exports dev.peeper.durable;
    exports dev.peeper.keeper;
    exports dev.peeper.process;
    exports dev.peeper.registry;
    exports dev.peeper.server;
    exports dev.peeper.supervisor;

    // for the cluster's transport, registry and failover: how it reaches processes of other members
    exports dev.peeper.process.internal to dev.peeper.cluster;
    exports dev.peeper.server.internal to dev.peeper.cluster;
}
