package dev.peeper.processor.model;

/**
 * An optional callback with a fixed signature: terminate, codeChange, restore, handoff, resolveConflict or
 * copyState.
 *
 * @param signature     as people read it, for javadoc: {@code terminate(ExitReason, Integer)}
 * @param throwsChecked whether it declares a checked exception
 */
public record LifecycleModel(String signature, boolean throwsChecked) {
}
