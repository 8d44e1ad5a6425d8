package dev.peeper.processor.find;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds the {@code @GenServer} elements to work on in a round: those annotated in this round plus those
 * deferred from earlier rounds because a type they use was missing. Deferred servers are kept by
 * <em>name</em> and looked up again, since an element from an earlier round may not see types generated since.
 */
public final class ServerFinder {
    private final Elements elements;
    private final Set<String> deferred = new TreeSet<>();

    public ServerFinder(Elements elements) {
        this.elements = elements;
    }

    /**
     * The elements to process this round, deferred ones first, each group in a stable order. Clears the
     * deferred set: whatever is still missing must be {@linkplain #defer deferred} again.
     */
    public List<Element> elementsFor(RoundEnvironment round, TypeElement annotation) {
        Set<Element> found = new LinkedHashSet<>();
        for (String name : deferred) {
            TypeElement type = elements.getTypeElement(name);
            if (type != null) {
                found.add(type);
            }
        }
        deferred.clear();
        if (annotation != null) {
            List<Element> annotated = new ArrayList<>(round.getElementsAnnotatedWith(annotation));
            annotated.sort(Comparator.comparing(ServerFinder::sortKey));
            found.addAll(annotated);
        }
        return List.copyOf(found);
    }

    /** Looks {@code type} up again next round. */
    public void defer(TypeElement type) {
        deferred.add(type.getQualifiedName().toString());
    }

    /** The servers still deferred, looked up now; for reporting when processing is over. */
    public List<TypeElement> stillDeferred() {
        List<TypeElement> types = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = elements.getTypeElement(name);
            if (type != null) {
                types.add(type);
            }
        }
        return types;
    }

    /** Qualified name, or (for a local class, which has none) how javac prints it. */
    private static String sortKey(Element element) {
        return element instanceof TypeElement type && !type.getQualifiedName().isEmpty()
                ? type.getQualifiedName().toString() : element.toString();
    }
}
