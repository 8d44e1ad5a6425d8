package dev.peeper.processor.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The methods a generated client has, as erased signatures: the fixed ones every client has and those each
 * handler adds. The clash check compares these; the client writer writes the same methods.
 */
public final class ClientApi {
    private static final String OBJECT = "java.lang.Object";
    private static final String DURATION = "java.time.Duration";
    /** The client's private helper that adds the server's copyState to the options it starts with. */
    public static final String STATE_COPY_HELPER = "withStateCopy";

    /**
     * A method's erased signature.
     *
     * @param name           the method name
     * @param parameterTypes erased parameter types, qualified ({@code int}, {@code java.lang.String})
     */
    public record Signature(String name, List<String> parameterTypes) {
        @Override
        public String toString() {
            List<String> simple = parameterTypes.stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
            return name + "(" + String.join(", ", simple) + ")";
        }
    }

    private ClientApi() {
    }

    /**
     * The methods every client has, given the erased type of init's argument (empty if init takes none), and
     * whether the server copies its state with its own method (then the client has a private helper that sets it).
     */
    public static List<Signature> fixed(Optional<String> initArgument, boolean copiesState) {
        List<String> arg = initArgument.map(List::of).orElse(List.of());
        String options = RuntimeTypes.PEEPER_OPTIONS.canonicalName(); // as write.StartWiring.OPTIONS
        List<Signature> fixed = new ArrayList<>();
        fixed.add(new Signature("start", arg));
        fixed.add(new Signature("start", append(arg, options)));
        fixed.add(new Signature("startLink", arg));
        fixed.add(new Signature("startLink", append(arg, options)));
        List<String> childSpec = new ArrayList<>(List.of(OBJECT));
        childSpec.addAll(append(arg, options));
        fixed.add(new Signature("childSpec", List.copyOf(childSpec)));
        fixed.add(new Signature("named", List.of(OBJECT)));
        fixed.add(new Signature("named", List.of(RuntimeTypes.PROCESS_NAME.canonicalName())));
        fixed.add(new Signature("of", List.of(RuntimeTypes.PEEPER_REF.canonicalName())));
        fixed.add(new Signature("of", List.of(RuntimeTypes.PID.canonicalName())));
        fixed.add(new Signature("ref", List.of()));
        fixed.add(new Signature("worker", List.of()));
        fixed.add(new Signature("statistics", List.of()));
        fixed.add(new Signature("stop", List.of()));
        if (copiesState) {
            fixed.add(new Signature(STATE_COPY_HELPER, List.of(options)));
        }
        // java.lang.Object's methods, which the client inherits or overrides
        fixed.add(new Signature("equals", List.of(OBJECT)));
        fixed.add(new Signature("hashCode", List.of()));
        fixed.add(new Signature("toString", List.of()));
        fixed.add(new Signature("getClass", List.of()));
        fixed.add(new Signature("notify", List.of()));
        fixed.add(new Signature("notifyAll", List.of()));
        fixed.add(new Signature("wait", List.of()));
        fixed.add(new Signature("wait", List.of("long")));
        fixed.add(new Signature("wait", List.of("long", "int")));
        fixed.add(new Signature("clone", List.of()));
        fixed.add(new Signature("finalize", List.of()));
        return fixed;
    }

    /** A call's methods: blocking with the default timeout, with a {@code Duration}, and async. */
    public static List<Signature> forCall(String method, List<String> parameters) {
        return List.of(new Signature(method, parameters),
                new Signature(method, append(parameters, DURATION)),
                new Signature(GeneratedNames.asyncMethod(method), parameters));
    }

    /** A cast's or info send's single method. */
    public static List<Signature> forSend(String method, List<String> parameters) {
        return List.of(new Signature(method, parameters));
    }

    private static List<String> append(List<String> list, String last) {
        List<String> copy = new ArrayList<>(list);
        copy.add(last);
        return List.copyOf(copy);
    }
}
