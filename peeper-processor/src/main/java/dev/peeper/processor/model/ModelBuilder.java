package dev.peeper.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.names.ClusterTypes;
import dev.peeper.processor.names.GeneratedNames;
import dev.peeper.processor.validate.ClientMethods;
import dev.peeper.processor.validate.ServerShape;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import dev.peeper.processor.validate.ServerShape.InitShape;
import dev.peeper.processor.validate.TypeSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Turns a checked {@link ServerShape} into the element-free {@link ServerModel} the writers read. */
public final class ModelBuilder {
    private final TypeSupport support;
    private final ClientMethods clientMethods;

    public ModelBuilder(TypeSupport support) {
        this.support = support;
        this.clientMethods = new ClientMethods(support);
    }

    public ServerModel build(ServerShape shape) {
        TypeElement type = shape.source().type();
        ClassName server = ClassName.get(type);
        String pkg = server.packageName();
        List<String> names = server.simpleNames();
        return new ServerModel(server,
                ClassName.get(pkg, shape.clientName()),
                ClassName.get(pkg, GeneratedNames.dispatcher(names)),
                isPublic(type),
                TypeName.get(shape.state()),
                init(shape.init()),
                group(shape, CallbackKind.CALL, pkg),
                group(shape, CallbackKind.CAST, pkg),
                group(shape, CallbackKind.INFO, pkg),
                group(shape, CallbackKind.CONTINUE, pkg),
                shape.terminate().map(this::lifecycle),
                shape.codeChange().map(this::lifecycle),
                mostSpecificFirst(shape.migrations(), m -> m.type().getParameterTypes().get(1)).stream()
                        .map(this::migration)
                        .toList(),
                shape.restore().map(this::lifecycle),
                shape.copyState().map(this::lifecycle),
                shape.callTimeout(),
                shape.handoff().map(this::lifecycle),
                shape.resolveConflict().map(this::lifecycle),
                seesCluster(type));
    }

    /**
     * Whether {@code peeper-cluster} is visible from {@code type}'s module (its class path, when it has none): only
     * then does the client get cluster members, so that users who do not run a cluster need no cluster jar.
     */
    private boolean seesCluster(TypeElement type) {
        String name = ClusterTypes.PEEPER_CLUSTER.canonicalName();
        ModuleElement module = support.elements().getModuleOf(type);
        TypeElement cluster = module == null ? support.elements().getTypeElement(name)
                : support.elements().getTypeElement(module, name);
        return cluster != null;
    }

    private static boolean isPublic(TypeElement type) {
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (!t.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private InitModel init(InitShape init) {
        ExecutableElement method = init.callback().method();
        Optional<ParameterModel> argument = init.argument().map(t -> new ParameterModel(TypeName.get(t),
                method.getParameters().get(0).getSimpleName().toString()));
        boolean unchecked = init.argument().map(t -> !support.isReifiable(t)).orElse(false);
        return new InitModel(argument, init.returnsResult(), unchecked, support.show(init.callback()),
                support.throwsChecked(init.callback()));
    }

    private LifecycleModel lifecycle(Callback callback) {
        return new LifecycleModel(support.show(callback), support.throwsChecked(callback));
    }

    private MigrationModel migration(Callback callback) {
        TypeMirror old = callback.type().getParameterTypes().get(1);
        TypeName pattern = TypeName.get(old);
        if (!support.isReifiable(old) && old instanceof DeclaredType declared) { // Map<String, Integer>: Map<?, ?>
            TypeElement element = (TypeElement) declared.asElement();
            pattern = ParameterizedTypeName.get(ClassName.get(element), element.getTypeParameters().stream()
                    .map(p -> WildcardTypeName.subtypeOf(Object.class))
                    .toArray(TypeName[]::new));
        }
        return new MigrationModel(TypeName.get(old), pattern, support.show(callback));
    }

    private HandlerGroup group(ServerShape shape, CallbackKind kind, String pkg) {
        List<HandlerShape> ofKind = shape.handlers().stream().filter(h -> h.callback().kind() == kind).toList();
        Optional<HandlerModel> catchAll = ofKind.stream().filter(HandlerShape::catchAll).findFirst()
                .map(h -> handler(h, shape.handlers(), pkg));
        List<HandlerModel> typed = mostSpecificFirst(ofKind.stream().filter(h -> !h.catchAll()).toList(),
                HandlerShape::message).stream()
                .map(h -> handler(h, shape.handlers(), pkg))
                .toList();
        return new HandlerGroup(typed, catchAll);
    }

    /**
     * The model of one handler of a server whose handlers are {@code siblings} and whose client is in package
     * {@code pkg}; public so that the clash check can render each handler's client methods on their own.
     */
    public HandlerModel handler(HandlerShape handler, List<HandlerShape> siblings, String pkg) {
        TypeName message = TypeName.get(handler.message());
        String messageName = handler.message().getKind() == TypeKind.DECLARED
                ? ((DeclaredType) handler.message()).asElement().getSimpleName().toString() : "message";
        String messageParam = handler.callback().method().getParameters().get(0).getSimpleName().toString();
        List<ClientMethodModel> methods = clientMethods.plan(handler, siblings, pkg).stream()
                .map(planned -> new ClientMethodModel(planned.name(),
                        planned.components().map(list -> list.stream()
                                .map(c -> new ParameterModel(TypeName.get(c.asType()), c.getSimpleName().toString()))
                                .toList()),
                        TypeName.get(planned.message()),
                        planned.message() == handler.message() ? messageParam
                                : GeneratedNames.variable(simpleName(planned.message())),
                        planned.varargs()))
                .toList();
        boolean isCall = handler.callback().kind() == CallbackKind.CALL;
        return new HandlerModel(message, messageName, support.show(handler.callback()), handler.takesFrom(),
                Optional.ofNullable(handler.reply()).map(TypeName::get), methods,
                !isCall && support.throwsChecked(handler.callback()),
                isCall ? answered(handler.callback()) : List.of());
    }

    private static String simpleName(TypeMirror type) {
        return ((DeclaredType) type).asElement().getSimpleName().toString();
    }

    /** The checked exceptions a handleCall declares, leaving out any that another one declared covers. */
    private List<FailureModel> answered(Callback callback) {
        List<? extends TypeMirror> checked = callback.type().getThrownTypes().stream()
                .filter(support::isChecked)
                .toList();
        List<FailureModel> answered = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            TypeMirror thrown = checked.get(i);
            boolean covered = false;
            for (int j = 0; j < checked.size(); j++) {
                TypeMirror other = checked.get(j);
                boolean same = support.types().isSameType(thrown, other);
                covered |= same ? j < i : support.types().isSubtype(thrown, other);
            }
            if (!covered) {
                answered.add(new FailureModel(TypeName.get(thrown), support.coversUnchecked(thrown)));
            }
        }
        return List.copyOf(answered);
    }

    /**
     * Orders handlers (or migrations) so that none comes after one taking a supertype of its {@code type}: a type
     * switch must test the most specific type first. Among unrelated types the order is by qualified name, so
     * output does not depend on declaration order.
     */
    private <T> List<T> mostSpecificFirst(List<T> handlers, Function<T, TypeMirror> type) {
        List<T> remaining = new ArrayList<>(handlers);
        remaining.sort(Comparator.comparing(h -> support.erasedName(type.apply(h))));
        List<T> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            T next = remaining.stream()
                    .filter(candidate -> remaining.stream().noneMatch(other -> other != candidate
                            && support.types().isSubtype(support.types().erasure(type.apply(other)),
                            support.types().erasure(type.apply(candidate)))))
                    .findFirst()
                    .orElse(remaining.get(0));
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }
}
