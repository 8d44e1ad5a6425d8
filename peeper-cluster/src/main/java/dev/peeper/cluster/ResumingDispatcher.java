package dev.peeper.cluster;

import com.hazelcast.map.IMap;
import dev.peeper.cluster.transport.WireReasons;
import dev.peeper.process.ExitReason;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Handoff;
import dev.peeper.server.Next;
import dev.peeper.server.Result;
import dev.peeper.server.internal.WrappingDispatcher;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's server, started by {@link ClusterStarters#peeper}: on its first start it resumes from the state
 * replicated under its name, if there is one (its previous incarnation ran on a member that died), through the
 * server's own {@code restore} hook, instead of running {@code init}. Everything else goes to the server as is:
 * every method of {@link Dispatcher}, its defaults included (a default not forwarded would run the interface's
 * behaviour instead of the server's own), which {@code ResumingDispatcherTest} checks by reflection. An upgrade
 * ({@code PeeperRef.upgrade}, {@code Sys.changeCode}) installs its new implementation inside a copy of this wrapper
 * ({@link WrappingDispatcher}), which registers as the one serving once the code change has migrated the state.
 */
final class ResumingDispatcher implements Dispatcher<Object>, WrappingDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ResumingDispatcher.class);

    private final Dispatcher<Object> server;
    private final IMap<Object, KeptState> states;
    private final Object name;
    /** What the states map is read with: {@link #name}, or its serialized form ({@link EngineKeys}). */
    private final Object entryKey;
    /** Whether a missing state means it was lost: a replicated server started again after its member left. */
    private final BooleanSupplier stateExpected;
    /** Told what is known of a lost state: the server's listener hears it. */
    private final Consumer<String> lost;

    /** What this start ends, if it ends a move ({@link Handoffs#takeNote}): {@code null} for any other start. */
    private final Supplier<String> handoff;
    /**
     * Told, on the worker's process as it starts (its {@code init} or {@code restore}), that this dispatcher serves
     * there: so whoever asks the server's callbacks from outside finds the one of its current worker.
     */
    private final Consumer<? super ResumingDispatcher> serving;

    ResumingDispatcher(Dispatcher<?> server, IMap<Object, KeptState> states, Object name) {
        this(server, states, name, () -> false, detail -> { });
    }

    ResumingDispatcher(Dispatcher<?> server, IMap<Object, KeptState> states, Object name,
                       BooleanSupplier stateExpected, Consumer<String> lost) {
        this(server, states, name, name, stateExpected, lost, () -> null, self -> { });
    }

    @SuppressWarnings("unchecked")
    ResumingDispatcher(Dispatcher<?> server, IMap<Object, KeptState> states, Object name, Object entryKey,
                       BooleanSupplier stateExpected, Consumer<String> lost, Supplier<String> handoff,
                       Consumer<? super ResumingDispatcher> serving) {
        this.handoff = handoff;
        this.serving = serving;
        this.server = (Dispatcher<Object>) server;
        this.states = states;
        this.name = name;
        this.entryKey = entryKey;
        this.stateExpected = stateExpected;
        this.lost = lost;
    }

    @Override
    public Result<Object> init(Object argument) throws Exception {
        serving.accept(this);
        String move = handoff.get();
        if (Handoffs.RESTART.equals(move)) {
            return server.init(argument); // its handoff asked to start afresh on the new member
        }
        KeptState kept = states.get(entryKey);
        if (kept != null && kept.state() != null) {
            return Next.of(server.restore(kept.state(), move != null ? Handoffs.HANDED_OFF : WireReasons.NOCONNECTION));
        }
        if (stateExpected.getAsBoolean()) {
            // never silently: its state and its backup were on members that left together, or on the other side
            // of a split (where no majority decides, this side runs the name too, and the heal merges both states)
            String detail = "The replicated state of " + name + " (map " + ClusterKeepers.MAP + ") is not on this "
                    + "side of the cluster: its member and its backup's left together, or more members than the "
                    + "backups; it starts again from init. (If they only split away and no majority decides, "
                    + "withMinimumMembers(1), the heal merges the two sides' states through resolveConflict.)";
            log.error(detail);
            lost.accept(detail);
        }
        return server.init(argument);
    }

    @Override
    public Result<Object> handleCall(Object request, From<Object> from, Object state) throws Exception {
        return server.handleCall(request, from, state);
    }

    @Override
    public Result<Object> handleCast(Object request, Object state) throws Exception {
        return server.handleCast(request, state);
    }

    @Override
    public Result<Object> handleInfo(Object message, Object state) throws Exception {
        return server.handleInfo(message, state);
    }

    @Override
    public Result<Object> handleContinue(Object continuation, Object state) throws Exception {
        return server.handleContinue(continuation, state);
    }

    @Override
    public void terminate(ExitReason reason, Object state) throws Exception {
        server.terminate(reason, state);
    }

    @Override
    public Object restore(Object kept, ExitReason lastExit) throws Exception {
        serving.accept(this); // a restarted worker: init runs only for the first
        return server.restore(kept, lastExit);
    }

    @Override
    public Handoff<Object> handoff(Object state) throws Exception {
        return server.handoff(state);
    }

    @Override
    public Object resolveConflict(Object mine, Object theirs) throws Exception {
        return server.resolveConflict(mine, theirs);
    }

    @Override
    public Object codeChange(Object oldVersion, Object state, Object extra) throws Exception {
        return server.codeChange(oldVersion, state, extra);
    }

    @Override
    public Object codeChangeFrom(Object oldVersion, Object oldState, Object extra) throws Exception {
        Object migrated = server.codeChangeFrom(oldVersion, oldState, extra);
        serving.accept(this); // the new code's callbacks from now on: a handoff or a merge asks this one
        return migrated;
    }

    @Override
    public Dispatcher<?> around(Dispatcher<?> implementation) {
        return new ResumingDispatcher(implementation, states, name, entryKey, stateExpected, lost, handoff, serving);
    }

    @Override
    public Dispatcher<?> wrapped() {
        return server;
    }

    @Override
    public Result<Object> ignoreUnexpected(String callback, Object message, Object state) {
        return server.ignoreUnexpected(callback, message, state);
    }
}
