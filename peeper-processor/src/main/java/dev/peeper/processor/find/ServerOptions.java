package dev.peeper.processor.find;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * The values of one {@code @GenServer} annotation as written, unchecked, with where each is written so a
 * diagnostic can point at it.
 *
 * @param annotation       the annotation
 * @param clientName       {@code clientName()}, empty for the default
 * @param clientNameValue  where {@code clientName} is written
 * @param callTimeout      {@code callTimeout()}, empty for the default
 * @param callTimeoutValue where {@code callTimeout} is written
 * @param stateCopy        the name of the {@code stateCopy()} constant
 */
public record ServerOptions(AnnotationMirror annotation,
                            String clientName, AnnotationValue clientNameValue,
                            String callTimeout, AnnotationValue callTimeoutValue,
                            String stateCopy) {
}
