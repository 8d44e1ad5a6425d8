package dev.peeper.processor.validate;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor prints, in one place. Each starts with a stable tag in brackets that users
 * can search for and tests assert on, names {@code @GenServer}, states the rule and says how to fix it.
 * Tags never change once published; texts may improve.
 */
public enum Message {
    // ---- the class ----
    NOT_A_CLASS("GenServerNotClass",
            "@GenServer applies to classes, and %s is %s. Put it on the class that declares init and the handlers"),
    NESTING("GenServerNesting",
            "@GenServer class %s is an inner (non-static) or local class, which the generated code cannot create "
                    + "without an enclosing instance. Make it a top-level class or a static nested class"),
    VISIBILITY("GenServerVisibility",
            "@GenServer class %s is private or nested in a private class, so the generated client and dispatcher "
                    + "in package %s cannot reach it. Make it package-private or public"),
    ABSTRACT("GenServerAbstract",
            "@GenServer class %s is abstract, but a new instance is created on every start. Make it concrete, or "
                    + "put @GenServer on a concrete subclass"),
    GENERIC("GenServerGeneric",
            "@GenServer class %s declares type parameters %s; servers and their clients are not generic. Put "
                    + "@GenServer on a non-generic subclass instead, e.g. `@GenServer class StringCache extends "
                    + "Cache<String> {}`: callbacks inherited from the generic class are used with its type arguments"),
    CONSTRUCTOR("GenServerConstructor",
            "@GenServer class %s needs a non-private constructor without parameters that throws no checked "
                    + "exception: the dispatcher creates a fresh server with `new %s()` on every start. %s"),

    // ---- the annotation's options ----
    CLIENT_NAME("GenServerClientName",
            "@GenServer(clientName = \"%s\") is not a usable class name: %s. Use a simple Java identifier such "
                    + "as \"%s\", or leave it out for the default"),
    CALL_TIMEOUT("GenServerCallTimeout",
            "@GenServer(callTimeout = \"%s\") is not a positive duration. Write an ISO-8601 duration such as "
                    + "\"PT30S\" or a number with a unit (ms, s, m, h) such as \"500ms\", or leave it out for "
                    + "the runtime's default of 5 seconds"),
    COPY_STATE("GenServerCopyState",
            "@GenServer class %s: %s. With stateCopy = COPY_METHOD declare `%s copyState(%s state)` returning a "
                    + "copy that later callbacks cannot change; with the default stateCopy = SHARE declare no "
                    + "copyState"),

    // ---- init ----
    NO_INIT("GenServerNoInit",
            "@GenServer class %s has no init method. Declare exactly one, building the first state from the "
                    + "start argument, e.g. `State init(Argument argument)`; it may also return Next<State> or "
                    + "Result<State> (Stop refuses the start)"),
    AMBIGUOUS_INIT("GenServerAmbiguousInit",
            "@GenServer class %s has %d init methods (%s), but exactly one fixes the start argument and the state "
                    + "type. Remove or rename all but one"),
    INIT_RETURN("GenServerInitReturn",
            "init must return the state S itself, Next<S> or Result<S> (return Stop.of(reason, state) through "
                    + "Result<S> to refuse the start); %s returns %s. %s"),

    // ---- every callback ----
    CALLBACK_MODIFIERS("GenServerCallbackModifiers",
            "@GenServer callback %s is %s, but callbacks must be non-private instance methods without type "
                    + "parameters so that the generated dispatcher can call them. %s"),
    ARITY("GenServerArity",
            "@GenServer callback %s takes %d parameter(s), but %s takes %s. Declare it as `%s`"),
    PARAMETER_ORDER("GenServerParameterOrder",
            "@GenServer callback %s takes its parameters in the wrong order. Declare them as %s"),
    STATE_TYPE("GenServerStateType",
            "@GenServer callback %s uses %s as the state type (%s), but init makes the state %s; every callback "
                    + "must use the state type init returns. Use %s"),
    TYPE_ACCESS("GenServerTypeAccess",
            "@GenServer callback %s uses %s as its %s, but %s is %s, so the generated client and dispatcher in "
                    + "package %s cannot name it. Make it package-private or public"),

    THROWS("GenServerThrows",
            "@GenServer callback %s declares `throws %s`, but %s. %s"),

    // ---- handlers ----
    CALL_RETURN("GenServerCallReturn",
            "handleCall must return Reply<R, S> (answer now), Next<S> (answer later through a From<R> "
                    + "parameter), Stop<S> or Result<S>, where S is the state type %s; %s returns %s. %s"),
    CAST_RETURN("GenServerCastReturn",
            "handleCast must return Next<S>, Stop<S> or Result<S>, where S is the state type %s; %s returns %s. %s"),
    INFO_RETURN("GenServerInfoReturn",
            "handleInfo must return Next<S>, Stop<S> or Result<S>, where S is the state type %s; %s returns %s. %s"),
    CONTINUE_RETURN("GenServerContinueReturn",
            "handleContinue must return Next<S>, Stop<S> or Result<S>, where S is the state type %s; %s returns "
                    + "%s. %s"),
    REPLY_TYPE("GenServerReplyType",
            "@GenServer callback %s: %s. Name one concrete reply type R, the same in Reply<R, S> and From<R>, "
                    + "e.g. `%s`"),
    MESSAGE_TYPE("GenServerMessageType",
            "@GenServer callback %s takes messages of type %s, which is %s, so the dispatcher cannot recognise "
                    + "it at run time. Wrap it in a record, e.g. `record Lookup(String key) {}`"),
    MESSAGE_CONSTRUCTION("GenServerMessageConstruction",
            "@GenServer callback %s takes messages of type %s, which callers cannot create: %s. %s"),
    DUPLICATE_HANDLER("GenServerDuplicateHandler",
            "@GenServer callback %s handles %s, which %s already handles; each message type has one %s. "
                    + "Merge them into one method"),
    AMBIGUOUS_DISPATCH("GenServerAmbiguousDispatch",
            "@GenServer callbacks %s and %s take %s and %s: neither type extends the other, yet one message can "
                    + "be both, and which handler it reaches would depend on declaration order. Make one type a "
                    + "subtype of the other, handle both in one method, or give each message its own record"),

    MISSPELLED_CALLBACK("GenServerMisspelledCallback",
            "@GenServer class %s: method %s looks like a callback (%s), but callbacks are found by exact name, so "
                    + "nothing would ever call it. Did you mean %s? %s"),

    // ---- other callbacks ----
    TERMINATE("GenServerTerminate",
            "terminate must be `void terminate(ExitReason reason, %s state)`; %s is not. Fix the signature, or "
                    + "rename the method if it is not meant as the callback"),
    CODE_CHANGE("GenServerCodeChange",
            "codeChange must be `%1$s codeChange(Object oldVersion, %1$s state, Object extra)`, or, to migrate an "
                    + "old state of another type on an upgrade, `%1$s codeChange(Object oldVersion, OldState old, "
                    + "Object extra)`; %2$s is neither. Fix the signature, or rename the method if it is not meant "
                    + "as the callback"),
    STATE_MIGRATION("GenServerStateMigration",
            "@GenServer callback %s migrates old states of type %s, which %s. A migrating codeChange takes the type the old "
                    + "code kept, as a class or interface a type switch can test; a state already of type %s never "
                    + "reaches it, but goes to `%s codeChange(Object oldVersion, %s state, Object extra)`, or stays as "
                    + "it is"),
    RESTORE("GenServerRestore",
            "restore runs instead of init when a crashed worker is restarted, and must be `%1$s restore(%1$s kept, "
                    + "ExitReason lastExit)`, returning the state to resume with; %2$s is not. Fix the signature, or "
                    + "rename the method if it is not meant as the callback"),

    HANDOFF("GenServerHandoff",
            "handoff answers, when the cluster moves a @GenServer's name to another member, whether it moves and "
                    + "with what state, and must be `Handoff<%1$s> handoff(%1$s state)`, returning Handoff.resume(state), "
                    + "Handoff.restart() or Handoff.stay(); %2$s is not. Fix the signature, or rename the method if it "
                    + "is not meant as the callback"),
    RESOLVE_CONFLICT("GenServerResolveConflict",
            "resolveConflict merges the states of two incarnations of a @GenServer's name after a split cluster with "
                    + "no majority heals, and must be `%1$s resolveConflict(%1$s mine, %1$s theirs)`, returning the "
                    + "merged state; %2$s is not: %3$s. Fix the signature, or rename the method if it is not meant as "
                    + "the callback"),

    // ---- the generated client ----
    CLIENT_METHOD_CLASH("GenServerClientMethodClash",
            "@GenServer callback %s would give the client method %s, which clashes with %s. Rename the message "
                    + "type (client methods are named after it), or handle it in one callback only"),

    GENERATED_TYPE_CLASH("GenServerGeneratedTypeClash",
            "@GenServer class %s would generate the class %s, but %s. %s"),

    // ---- warnings ----
    MUTABLE_STATE("GenServerMutableState", Diagnostic.Kind.WARNING,
            "The state type %s of @GenServer class %s is evidently mutable (%s): a callback that changes it in "
                    + "place and then throws would leave a half-applied state to resume from. Prefer immutable "
                    + "state (a record, List.copyOf, Map.copyOf), or set stateCopy = COPY_METHOD and declare "
                    + "copyState, or add @SuppressWarnings(\"GenServerMutableState\") to the class or to init"),

    // ---- processing ----
    MISSING_TYPE("GenServerMissingType",
            "@GenServer class %s was not processed because %s could not be found. If another annotation processor "
                    + "generates it, make sure that processor runs in this compilation; otherwise fix the reference"),
    INTERNAL_ERROR("GenServerInternalError",
            "@GenServer processing of %s failed unexpectedly; this is a bug in peeper-processor, please report it "
                    + "with this trace: %s");

    private final String tag;
    private final Diagnostic.Kind kind;
    private final String template;

    Message(String tag, String template) {
        this(tag, Diagnostic.Kind.ERROR, template);
    }

    Message(String tag, Diagnostic.Kind kind, String template) {
        this.tag = tag;
        this.kind = kind;
        this.template = template;
    }

    /** The stable tag, without brackets; also the {@code @SuppressWarnings} key of a warning. */
    public String tag() {
        return tag;
    }

    /** Error or warning. */
    public Diagnostic.Kind kind() {
        return kind;
    }

    /** The full text: {@code [Tag] } and the template filled with {@code args}. */
    public String format(Object... args) {
        return "[" + tag + "] " + String.format(Locale.ROOT, template, args);
    }
}
