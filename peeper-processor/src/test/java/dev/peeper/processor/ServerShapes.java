package dev.peeper.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of {@code @GenServer} classes for fuzzing the processor: valid Java, right or wrong as
 * servers in many ways at once (message types and names that clash with the client's methods, misspelled
 * callbacks, wrong parameters and results, checked exceptions, sealed hierarchies, varargs, odd options). Every
 * method body throws, so any declaration compiles whatever it returns; duplicate signatures are never generated.
 */
final class ServerShapes {
    private static final String[] RECORD_NAMES = {"Get", "Put", "Add", "New", "URLFetch", "Tick", "Deposit",
            "Withdraw", "Balance"};
    /** Message names whose client methods clash with the client's own. */
    private static final String[] CLASHING_NAMES = {"Named", "Start", "Wait", "GetAsync", "Statistics", "Ref",
            "Worker", "Equals", "Of", "HashCode"};
    private static final String[] COMPONENTS = {"int n", "long amount", "String key", "List<String> items",
            "java.time.Duration CALL_TIMEOUT", "Object ref", "int[] timeout", "String state", "int from",
            "long options", "Map<String, Integer> entries"};
    private static final String[] VARARGS = {"String... tags", "int... values", "List<String>... lists"};
    private static final String[] STATES = {"Integer", "String", "List<String>", "Long"};
    private static final String[] REPLIES = {"Integer", "String", "Void", "Object", "List<String>"};
    private static final String[] MISSPELLED = {"handleCasts", "handle_call", "init2", "handlecall", "onMessage",
            "handleInfos", "terminte", "helper"};
    private static final String[] CLIENT_NAMES = {"Custom", "9bad", "Fuzz", "Fuzz_Dispatcher", "class", "Other"};
    private static final String[] TIMEOUTS = {"500ms", "PT2S", "soon", "0s"};
    /** Old state types a migrating codeChange may take; some overlap a state type, or are no type a switch takes. */
    private static final String[] OLD_STATES = {"Integer", "String", "Long", "List<Integer>", "Map<String, Integer>",
            "Number", "Object", "CharSequence", "Comparable<?>", "int", "List"};
    /** Those that overlap none of {@link #STATES} but the one of the same class. */
    private static final String[] CLEAN_OLD_STATES = {"Integer", "String", "Long", "List<Integer>",
            "Map<String, Integer>"};
    private static final String[] THROWS = {"Exception", "java.io.IOException", "Fuzz.Refused",
            "IllegalStateException", "Fuzz.Refused, java.io.IOException", "Throwable"};

    private final Random random;
    /** Whether the current class is meant to be right: then no choice is a mistake, so the writers run. */
    private boolean clean;
    private final List<String> messages = new ArrayList<>();
    private final Set<String> signatures = new HashSet<>();
    private String state;

    ServerShapes(long seed) {
        this.random = new Random(seed);
    }

    /** The source of class {@code test.Fuzz} (its compilation unit's body, after the package and imports). */
    String next() {
        messages.clear();
        signatures.clear();
        clean = random.nextBoolean();
        state = pick(STATES);
        StringBuilder body = new StringBuilder();
        body.append("    public static class Refused extends Exception {\n")
                .append("        private static final long serialVersionUID = 1L;\n    }\n");
        Map<String, String> records = records();
        boolean sealed = chance(30) && records.size() >= 2;
        List<String> permitted = new ArrayList<>();
        for (Map.Entry<String, String> record : records.entrySet()) {
            boolean inCmd = sealed && (permitted.isEmpty() || chance(60));
            if (inCmd) {
                permitted.add(record.getKey());
            }
            body.append("    ").append(record.getValue().replace("{}", inCmd ? "implements Cmd {}" : "{}"))
                    .append('\n');
        }
        if (sealed) {
            body.append("    public sealed interface Cmd permits ").append(String.join(", ", permitted))
                    .append(" {}\n");
            messages.add("Cmd");
        }
        if (mistake(10)) {
            body.append("    private Fuzz() {}\n");
        } else if (mistake(10)) {
            body.append("    Fuzz(int unused) {}\n");
        }
        init(body);
        int handlers = random.nextInt(7);
        for (int i = 0; i < handlers; i++) {
            handler(body);
        }
        if (chance(20)) {
            method(body, "", "void", "terminate", List.of("ExitReason reason", state + " state"),
                    mistake(20) ? "Throwable" : chance(20) ? "Exception" : "");
        }
        if (chance(25)) {
            codeChanges(body);
        }
        boolean copies = chance(15);
        if (copies) {
            method(body, "", state, "copyState", List.of(state + " state"), mistake(20) ? "Exception" : "");
        }
        String annotation = annotation(copies);
        String classModifiers = mistake(10) ? "public abstract " : chance(50) ? "public " : "";
        String typeParameters = mistake(5) ? "<X>" : "";
        String server = annotation + "\n" + classModifiers + "class Fuzz" + typeParameters + " {\n" + body + "}\n";
        if (chance(15)) { // nested: the generated names join the enclosing class's
            return "public class Outer {\n" + server.indent(4).replace("class Fuzz", "static class Fuzz")
                    + "}\n";
        }
        return server;
    }

    /**
     * Another source file to compile beside the last {@link #next} class, if any: a class or another server whose
     * name a generated class of that one could take ({@code FuzzClient}, {@code Outer_Fuzz}, {@code Custom}).
     * Returned as file name and source.
     */
    java.util.Optional<Map.Entry<String, String>> companion() {
        if (!chance(20)) {
            return java.util.Optional.empty();
        }
        String name = pick(new String[] {"FuzzClient", "Fuzz_Dispatcher", "Outer_Fuzz", "Outer_FuzzClient", "Custom"});
        String source = name.equals("Outer_Fuzz") && chance(70)
                ? "@GenServer\npublic class Outer_Fuzz {\n    Integer init() { return 0; }\n}\n"
                : "public class " + name + " {}\n";
        return java.util.Optional.of(Map.entry(name, source));
    }

    /** The file name the last {@link #next} source must have. */
    static String fileName(String source) {
        return source.startsWith("public class Outer") ? "Outer" : "Fuzz";
    }

    private Map<String, String> records() {
        Map<String, String> records = new LinkedHashMap<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = mistake(25) ? pick(CLASHING_NAMES) : pick(RECORD_NAMES);
            if (records.containsKey(name)) {
                continue;
            }
            List<String> components = new ArrayList<>();
            Set<String> componentNames = new HashSet<>();
            int arity = random.nextInt(3);
            for (int c = 0; c < arity; c++) {
                String component = pick(COMPONENTS);
                if (componentNames.add(component.substring(component.lastIndexOf(' ') + 1))) {
                    components.add(component);
                }
            }
            if (chance(15)) {
                components.add(pick(VARARGS).replace("tags", "rest").replace("values", "rest").replace("lists", "rest"));
            }
            String declaration;
            int kind = clean ? 3 + random.nextInt(17) : random.nextInt(20);
            if (kind == 0) {
                declaration = "public class " + name + " {}"; // inner: callers cannot create it
            } else if (kind == 1) {
                declaration = "private record " + name + "(" + String.join(", ", components) + ") {}";
            } else if (kind == 2) {
                declaration = "public static final class " + name + " {}";
            } else {
                declaration = "public record " + name + "(" + String.join(", ", components) + ") {}";
            }
            records.put(name, declaration);
            messages.add(name);
        }
        return records;
    }

    private void init(StringBuilder body) {
        int inits = mistake(5) ? 0 : mistake(5) ? 2 : 1;
        for (int i = 0; i < inits; i++) {
            String returns = switch (clean ? 3 + random.nextInt(3) : random.nextInt(6)) {
                case 0 -> "Next<" + state + ">";
                case 1 -> "Result<" + state + ">";
                case 2 -> chance(50) ? "void" : "int";
                default -> state;
            };
            List<String> parameters = i == 0 && chance(50) ? List.of() : List.of(pick(STATES) + " argument");
            method(body, "", returns, "init", parameters, chance(10) ? pick(THROWS) : "");
            if (clean) {
                return;
            }
        }
    }

    private void handler(StringBuilder body) {
        String name = mistake(12) ? pick(MISSPELLED)
                : pick(new String[] {"handleCall", "handleCall", "handleCast", "handleCast", "handleInfo",
                "handleContinue"});
        boolean generic = mistake(5);
        String message = generic ? "T" : chance(80) && !messages.isEmpty() ? pick(messages.toArray(String[]::new))
                : mistake(50) ? pick(new String[] {"int", "List<String>"})
                : pick(new String[] {"Object", "String", "IdleTimeout", "List<?>"});
        String reply = pick(REPLIES);
        List<String> parameters = new ArrayList<>();
        parameters.add(message + " message");
        boolean from = name.equals("handleCall") && chance(25);
        if (from) {
            parameters.add("From<" + reply + "> from");
        }
        parameters.add((mistake(10) ? pick(STATES) : state) + " state");
        if (mistake(5)) {
            java.util.Collections.reverse(parameters);
        } else if (mistake(5)) {
            parameters.remove(parameters.size() - 1);
        }
        String returns = switch (clean ? 3 + random.nextInt(7) : random.nextInt(10)) {
            case 0 -> state;
            case 1 -> "void";
            case 2 -> "Next<?>";
            case 3 -> "Stop<" + state + ">";
            case 4 -> "Result<" + state + ">";
            case 5 -> clean ? "Next<" + state + ">" : "Reply<?, " + state + ">";
            default -> name.equals("handleCall") && !from ? "Reply<" + reply + ", " + state + ">" : "Next<" + state + ">";
        };
        String modifiers = mistake(5) ? "private " : mistake(5) ? "static " : chance(10) ? "public " : "";
        method(body, modifiers + (generic ? "<T> " : ""), returns, name, parameters,
                chance(15) ? pick(THROWS) : "");
    }

    /** codeChange overloads: the same-type one, and migrations from old state types, right or wrong. */
    private void codeChanges(StringBuilder body) {
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String old = chance(30) ? state : clean ? pick(CLEAN_OLD_STATES) : pick(OLD_STATES);
            if (clean && !old.equals(state) && old.replaceAll("<.*>", "").equals(state.replaceAll("<.*>", ""))) {
                continue; // List<Integer> beside a List<String> state: a mistake
            }
            String returns = mistake(15) ? "Long".equals(state) ? "Integer" : "Long" : state;
            method(body, "", returns, "codeChange", List.of(mistake(10) ? "String oldVersion" : "Object oldVersion",
                    old + " old", "Object extra"), chance(20) ? "Exception" : "");
        }
    }

    private void method(StringBuilder body, String modifiers, String returns, String name, List<String> parameters,
                        String throwsClause) {
        List<String> erased = parameters.stream()
                .map(p -> p.substring(0, p.lastIndexOf(' ')).replaceAll("<.*>", "").replace("T", "Object"))
                .toList();
        if (!signatures.add(name + erased)) {
            return; // Java would refuse a second method with the same erased signature
        }
        body.append("    ").append(modifiers).append(returns).append(' ').append(name).append('(')
                .append(String.join(", ", parameters)).append(')')
                .append(throwsClause.isEmpty() ? "" : " throws " + throwsClause)
                .append(" { throw new UnsupportedOperationException(); }\n");
    }

    private String annotation(boolean copies) {
        List<String> options = new ArrayList<>();
        if (chance(15)) {
            options.add("clientName = \"" + (clean ? "Custom" : pick(CLIENT_NAMES)) + "\"");
        }
        if (chance(15)) {
            options.add("callTimeout = \"" + (clean ? "500ms" : pick(TIMEOUTS)) + "\"");
        }
        if (clean ? copies : chance(10)) {
            options.add("stateCopy = StateCopyMode.COPY_METHOD");
        }
        return "@GenServer" + (options.isEmpty() ? "" : "(" + String.join(", ", options) + ")");
    }

    /** A choice that makes the class wrong as a server: never in a clean class. */
    private boolean mistake(int percent) {
        return !clean && chance(percent);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
