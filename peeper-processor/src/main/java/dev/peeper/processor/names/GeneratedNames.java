package dev.peeper.processor.names;

import java.util.List;
import java.util.Locale;
import javax.lang.model.SourceVersion;

/**
 * Every name the processor makes up, in one place: generated classes and client methods. Nested servers join
 * their enclosing names with {@code _} ({@code Shop.Cart} becomes {@code Shop_Cart}), so generated classes
 * are top-level and never clash with each other.
 */
public final class GeneratedNames {
    private GeneratedNames() {
    }

    /** {@code Outer_Inner} for the simple names of a class and its enclosing classes, outermost first. */
    public static String joined(List<String> simpleNames) {
        return String.join("_", simpleNames);
    }

    /** The client's simple name: the option if given, else {@code Outer_InnerClient}. */
    public static String client(List<String> simpleNames, String clientNameOption) {
        return clientNameOption.isEmpty() ? joined(simpleNames) + "Client" : clientNameOption;
    }

    /** The dispatcher's simple name, {@code Outer_Inner_Dispatcher}. */
    public static String dispatcher(List<String> simpleNames) {
        return joined(simpleNames) + "_Dispatcher";
    }

    /**
     * The client method for a message type's simple name: lower camel case ({@code Get} gives {@code get},
     * {@code URLFetch} gives {@code urlFetch}), with {@code _} appended to a keyword ({@code New} gives
     * {@code new_}).
     */
    public static String messageMethod(String messageSimpleName) {
        String name = lowerCamel(messageSimpleName);
        return SourceVersion.isKeyword(name) ? name + "_" : name;
    }

    /** The client method that sends a message to handleInfo: {@code sendTick} for {@code Tick}. */
    public static String infoMethod(String messageSimpleName) {
        return "send" + messageSimpleName;
    }

    /** The async variant of a call method: {@code getAsync}. */
    public static String asyncMethod(String callMethod) {
        return (callMethod.endsWith("_") ? callMethod.substring(0, callMethod.length() - 1) : callMethod) + "Async";
    }

    /** A variable name for a value of the given simple type name, e.g. the binding of a type pattern. */
    public static String variable(String simpleTypeName) {
        return lowerCamel(simpleTypeName);
    }

    private static String lowerCamel(String name) {
        int upper = 0;
        while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
            upper++;
        }
        if (upper == 0) {
            return name;
        }
        // "URLFetch": lower the run of capitals but keep the one that starts the next word
        int cut = upper > 1 && upper < name.length() ? upper - 1 : upper;
        return name.substring(0, cut).toLowerCase(Locale.ROOT) + name.substring(cut);
    }
}
