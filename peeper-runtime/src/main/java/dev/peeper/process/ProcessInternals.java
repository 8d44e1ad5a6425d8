package dev.peeper.process;

import dev.peeper.process.internal.Host;
import dev.peeper.process.internal.ProcessAccess;
import dev.peeper.process.internal.Transport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The process core as {@code dev.peeper.process.internal} reaches it; {@link Proc} installs it. */
final class ProcessInternals extends ProcessAccess {
    @Override
    protected Pid spawnHost(Host host, SpawnOptions options) {
        return Hosts.spawn(host, options);
    }

    @Override
    protected Pid spawnDelegate(Pid host, ProcessBody body) {
        return Hosts.spawnDelegate(host, body);
    }

    @Override
    protected boolean endHost(Pid host, ExitReason reason) {
        return Hosts.end(host, reason);
    }

    @Override
    protected Host hostOf(Pid pid) {
        return Hosts.of(pid);
    }

    @Override
    protected Pid spawnDelegate(ProcessBody body) {
        return Proc.spawnDelegate(body);
    }

    @Override
    protected Object receiveSystem(Duration timeout) {
        return Proc.receiveSystem(timeout);
    }

    @Override
    protected void parentExitsFirst(boolean on) {
        Proc.parentExitsFirst(on);
    }

    @Override
    protected void onExit(Pid pid, Runnable cleanup) {
        Proc.onExit(pid, cleanup);
    }

    @Override
    protected void install(Transport transport) {
        Nodes.install(transport);
    }

    @Override
    protected void uninstall(Transport transport) {
        Nodes.uninstall(transport);
    }

    @Override
    protected long defaultNode() {
        return Nodes.defaultNode();
    }

    @Override
    protected long nodeOf(Pid pid) {
        return Nodes.nodeOf(pid);
    }

    @Override
    protected <T> T callAs(long node, Supplier<T> body) {
        return Nodes.callAs(node, body);
    }

    @Override
    protected long callerNode() {
        return Nodes.callerNode();
    }

    @Override
    protected void deliver(Pid local, Object message) {
        Nodes.deliver(local, message);
    }

    @Override
    protected void exitSignal(Pid local, Pid from, ExitReason reason, boolean viaLink) {
        Nodes.exitSignal(local, from, reason, viaLink);
    }

    @Override
    protected CompletableFuture<ExitReason> exitFuture(Pid local) {
        return Nodes.exitFuture(local);
    }

    @Override
    protected boolean onLocalExit(Pid local, Runnable cleanup) {
        return Nodes.onExit(local, cleanup);
    }

    @Override
    protected boolean isAlive(Pid local) {
        return Nodes.isAlive(local);
    }

    @Override
    protected Pid watcher(MonitorRef ref) {
        return Nodes.watcher(ref);
    }

    @Override
    protected Pid pid(long node, long serial) {
        return Nodes.pid(node, serial);
    }

    @Override
    protected long wireNode(Pid pid) {
        return Nodes.wireNode(pid);
    }
}
