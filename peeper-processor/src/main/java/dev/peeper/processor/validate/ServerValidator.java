package dev.peeper.processor.validate;

import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.find.ServerSource;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * Runs every rule over one server class, reporting each problem found, and reads the class into a
 * {@link ServerShape} if there was no error. Rules keep going after a problem wherever the result still means
 * something, so one compile shows all of a class's mistakes.
 */
public final class ServerValidator {
    private final ClassRules classRules;
    private final CallbackRules callbackRules;
    private final OptionRules optionRules = new OptionRules();
    private final InitRules initRules;
    private final HandlerRules handlerRules;
    private final LifecycleRules lifecycleRules;
    private final DispatchRules dispatchRules;
    private final MutableStateRule mutableStateRule;
    private final MisspelledCallbacks misspelledCallbacks;
    private final TypeSupport support;

    public ServerValidator(TypeSupport support) {
        this.support = support;
        this.callbackRules = new CallbackRules(support);
        this.classRules = new ClassRules(support);
        this.initRules = new InitRules(support, callbackRules);
        this.handlerRules = new HandlerRules(support, callbackRules);
        this.lifecycleRules = new LifecycleRules(support, callbackRules);
        this.dispatchRules = new DispatchRules(support);
        this.mutableStateRule = new MutableStateRule(support);
        this.misspelledCallbacks = new MisspelledCallbacks(support);
    }

    /** Checks {@code source}; the shape is present only if the report has no error. */
    public Optional<ServerShape> validate(ServerSource source, ValidationReport report) {
        if (!classRules.check(source.type(), report)) {
            return Optional.empty();
        }
        String pkg = support.packageOf(source.type());
        String clientName = optionRules.clientName(source, report);
        Optional<Duration> callTimeout = optionRules.callTimeout(source, report);

        InitRules.Found init = initRules.check(source, pkg, report);
        Optional<TypeMirror> state = init.state();
        List<HandlerShape> handlers = new ArrayList<>();
        for (CallbackKind kind : CallbackKind.values()) {
            if (kind.isHandler()) {
                for (Callback handler : source.callbacks(kind)) {
                    handlerRules.check(handler, state, pkg, report).ifPresent(handlers::add);
                }
            }
        }
        dispatchRules.check(handlers, report);
        Optional<Callback> terminate = lifecycleRules.terminate(source, state, report);
        Optional<Callback> codeChange = lifecycleRules.codeChange(source, state, report);
        List<Callback> migrations = lifecycleRules.migrations(source, state, report);
        Optional<Callback> restore = lifecycleRules.restore(source, state, report);
        Optional<Callback> copyState = lifecycleRules.copyState(source, state, report);
        Optional<Callback> handoff = lifecycleRules.handoff(source, state, report);
        Optional<Callback> resolveConflict = lifecycleRules.resolveConflict(source, state, report);
        for (CallbackKind kind : CallbackKind.values()) {
            source.callbacks(kind).forEach(callback -> callbackRules.checkThrows(callback, report));
        }
        misspelledCallbacks.check(source, state, report);
        if (init.init().isPresent() && state.isPresent()) {
            mutableStateRule.check(source, init.init().get().callback().method(), state.get(), report);
        }
        if (report.hasErrors() || init.init().isEmpty() || state.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerShape(source, clientName, callTimeout, state.get(), init.init().get(),
                List.copyOf(handlers), terminate, codeChange, migrations, restore, copyState,
                handoff, resolveConflict));
    }
}
