package dev.peeper.supervisor;

import dev.peeper.process.Pid;

/**
 * One child as {@code whichChildren} reports it.
 *
 * @param id      the child's id ({@code null} for children of a {@link DynamicSupervisor}, as in OTP)
 * @param pid     its process, or {@code null} while it is not running
 * @param type    worker or supervisor
 * @param restart its restart type
 */
public record ChildInfo(Object id, Pid pid, ChildType type, Restart restart) {
}
