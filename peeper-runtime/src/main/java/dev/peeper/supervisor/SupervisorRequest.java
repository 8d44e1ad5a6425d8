package dev.peeper.supervisor;

import dev.peeper.process.Pid;

/** The calls a supervisor serves, sent by {@link SupervisorRef} and {@link DynamicSupervisorRef}. */
sealed interface SupervisorRequest {
    record WhichChildren() implements SupervisorRequest {
    }

    record CountChildren() implements SupervisorRequest {
    }

    record StartChild(ChildSpec spec) implements SupervisorRequest {
    }

    record TerminateChild(Object id) implements SupervisorRequest {
    }

    record TerminatePid(Pid pid) implements SupervisorRequest {
    }

    record DetachPid(Pid pid) implements SupervisorRequest {
    }

    record RestartChild(Object id) implements SupervisorRequest {
    }

    record DeleteChild(Object id) implements SupervisorRequest {
    }
}
