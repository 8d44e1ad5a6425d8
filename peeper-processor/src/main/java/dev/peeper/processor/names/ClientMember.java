package dev.peeper.processor.names;

import java.util.List;

/**
 * A method of a generated client as the compiler tells methods apart: name, erased parameter types and whether
 * it is static. The writer renders the client and reports its members in these terms, and the clash check
 * compares them, so the check sees exactly what is generated.
 *
 * @param name           the method name
 * @param parameterTypes erased parameter types, qualified ({@code int}, {@code java.lang.String})
 * @param isStatic       whether it is static
 */
public record ClientMember(String name, List<String> parameterTypes, boolean isStatic) {
    /** Whether the two could not be declared side by side: the same erased signature. */
    public boolean sameSignature(ClientMember other) {
        return name.equals(other.name) && parameterTypes.equals(other.parameterTypes);
    }

    /** As people read it, with simple names: {@code named(Object)}. */
    @Override
    public String toString() {
        List<String> simple = parameterTypes.stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
        return name + "(" + String.join(", ", simple) + ")";
    }
}
