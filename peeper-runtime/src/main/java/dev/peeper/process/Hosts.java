package dev.peeper.process;

import dev.peeper.process.internal.Host;
import java.util.Objects;

/** What {@link Host}'s static methods do, which documents them: they need the process core. */
final class Hosts {
    private Hosts() {
    }

    static Pid spawn(Host host, SpawnOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        if (options.trapExit() || options.monitor()) {
            throw new IllegalArgumentException("a host can be spawned with a link only, not " + options
                    + ": it has no thread to trap exits with (its delegate can), and nothing runs in it before "
                    + "its first delegate, so monitor it then with Proc.monitor");
        }
        ProcessCore self = ProcessCore.current();
        if (options.link() && self == null) {
            throw new IllegalStateException("a linked host must be spawned inside a process");
        }
        return Proc.launch(new ProcessCore(host, self == null ? null : self.pid), self, options).pid();
    }

    static Pid spawnDelegate(Pid host, ProcessBody body) {
        Objects.requireNonNull(body, "body");
        ProcessCore core = requireHost(host);
        if (!core.isAlive()) {
            throw new NoProcessException("host " + host + " has ended: it takes no new delegate");
        }
        ProcessCore delegate = core.delegate(body);
        delegate.start();
        return delegate.pid;
    }

    static boolean end(Pid host, ExitReason reason) {
        Objects.requireNonNull(reason, "reason");
        return requireHost(host).endHost(reason);
    }

    static Host of(Pid pid) {
        return Proc.local(pid).host;
    }

    private static ProcessCore requireHost(Pid pid) {
        ProcessCore core = Proc.local(pid);
        if (core.host == null) {
            throw new IllegalArgumentException(pid + " is not a host: spawn one with Host.spawn");
        }
        return core;
    }
}
