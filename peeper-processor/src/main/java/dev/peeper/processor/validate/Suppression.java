package dev.peeper.processor.validate;

import java.util.Arrays;
import javax.lang.model.element.Element;

/** Whether a warning is suppressed with {@code @SuppressWarnings("Tag")} on an element or any enclosing one. */
final class Suppression {
    private Suppression() {
    }

    static boolean isSuppressed(Element element, String tag) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null && Arrays.asList(suppress.value()).contains(tag)) {
                return true;
            }
        }
        return false;
    }
}
