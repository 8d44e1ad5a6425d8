package dev.peeper.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.ClusterTypes;
import java.time.Duration;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The client's cluster members, written only when {@code peeper-cluster} is visible to the server's compilation
 * ({@link ServerModel#cluster()}): {@code startInCluster} starts the server on the member that owns its cluster
 * name, with its state replicated, and returns a client bound to that name; {@code clusterStarter} is what a
 * cluster start sends to that member (and what a cluster supervisor's child is made of). Both go through
 * {@code ClusterStarters.peeper}, which resumes a server from its replicated state when it starts again on another
 * member. Kept in the client rather than in a class of their own: one type to learn, beside {@code start} and
 * {@code childSpec}, and the clash check sees them as it sees every other member.
 */
final class ClientClusterMethods {
    static final String START_IN_CLUSTER = "startInCluster";
    static final String CLUSTER_STARTER = "clusterStarter";
    private static final ClassName DURATION = ClassName.get(Duration.class);

    private final ServerModel model;

    ClientClusterMethods(ServerModel model) {
        this.model = Objects.requireNonNull(model);
    }

    void addTo(TypeSpec.Builder type) {
        if (!model.cluster()) {
            return;
        }
        type.addMethod(startInCluster(false));
        type.addMethod(startInCluster(true));
        type.addMethod(clusterStarter());
    }

    private MethodSpec startInCluster(boolean withTimeout) {
        NameAllocator names = new NameAllocator();
        String argument = model.init().argument().map(a -> names.newName(a.name())).orElse(null);
        String cluster = names.newName("cluster");
        String name = names.newName("name");
        String timeout = names.newName("timeout");
        MethodSpec.Builder method = MethodSpec.methodBuilder(START_IN_CLUSTER)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(model.client())
                .addParameter(ClusterTypes.PEEPER_CLUSTER, cluster)
                .addParameter(Object.class, name);
        model.init().argument().ifPresent(a -> method.addParameter(a.type(), argument));
        method.addJavadoc("Starts a {@link $T} Peeper server registered under the cluster name {@code $N}, on the "
                        + "member\nthat owns the name, from any member of {@code $N}. It waits up to ", model.server(),
                name, cluster)
                .addJavadoc(withTimeout ? CodeBlock.of("{@code $N}", timeout)
                        : CodeBlock.of("{@link $T#START_TIMEOUT}", ClusterTypes.CLUSTER_STARTERS))
                .addJavadoc("\nfor the start. Its state is replicated synchronously to another member, and when its "
                        + "member\ndies the name's new owner starts it again from that state. If the name is taken, "
                        + "nothing\nstarts and the client reaches the server holding it. The client is bound to the "
                        + "name, not to\na pid, so its calls reach the server wherever it runs; on another member,\n"
                        + "{@code named(cluster.name(name))} gives the same client.\n\n"
                        + "<p>What crosses to another member must be a record or {@code Serializable}: messages, "
                        + "replies\nand the state; the init argument travels with the starter, so it must be "
                        + "{@code Serializable}.\n\n");
        method.addJavadoc("@param $N this member\n@param $N the cluster-wide name\n", cluster, name);
        if (argument != null) {
            method.addJavadoc("@param $N passed to {@code init} on the very first start\n", argument);
        }
        if (withTimeout) {
            method.addParameter(DURATION, timeout)
                    .addJavadoc("@param $N how long to wait for the start on the owning member\n", timeout)
                    .addStatement("$N.startOnOwner($N, $N($L), $N)", cluster, name, CLUSTER_STARTER,
                            argument == null ? CodeBlock.of("") : CodeBlock.of("$N", argument), timeout)
                    .addStatement("return named($N.name($N))", cluster, name);
        } else {
            method.addStatement("return $N($L$T.START_TIMEOUT)", START_IN_CLUSTER,
                    argument == null ? CodeBlock.of("$N, $N, ", cluster, name)
                            : CodeBlock.of("$N, $N, $N, ", cluster, name, argument),
                    ClusterTypes.CLUSTER_STARTERS);
        }
        return method.addJavadoc("@return a client of the server registered under {@code $N} in the cluster\n", name)
                .addJavadoc("@throws $T if the start failed on the owning member or did not finish\n        in "
                        + "time\n", ClusterTypes.START_FAILED)
                .addJavadoc("@throws $T if the init argument (or anything else the starter carries) cannot "
                        + "travel\n        to that member\n", ClusterTypes.WIRE_EXCEPTION)
                .build();
    }

    private MethodSpec clusterStarter() {
        NameAllocator names = new NameAllocator();
        String argument = model.init().argument().map(a -> names.newName(a.name())).orElse(null);
        MethodSpec.Builder method = MethodSpec.methodBuilder(CLUSTER_STARTER)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ClusterTypes.CLUSTER_STARTER);
        model.init().argument().ifPresent(a -> method.addParameter(a.type(), argument));
        method.addJavadoc("A cluster starter of a {@link $T} Peeper server, for {@code PeeperCluster.startOnOwner} "
                + "or a cluster\nsupervisor: it travels to the member that owns the server's name and starts the "
                + "server there,\nwith its state replicated synchronously; started again after its member died, the "
                + "server resumes\nfrom that state ({@code restore}, if it declares one, sees it) and does not "
                + "run {@code init}.\n\n", model.server());
        if (argument != null) {
            method.addJavadoc("@param $N passed to {@code init} on the very first start; it travels with the "
                    + "starter, so it must\n       be {@code Serializable}\n", argument);
        }
        CodeBlock implementation = CodeBlock.of("$T::new", model.dispatcher());
        CodeBlock arguments = argument == null ? CodeBlock.of("null") : CodeBlock.of("$N", argument);
        CodeBlock options = StartWiring.clusterOptions(model);
        return method.addJavadoc("@return the starter\n")
                .addJavadoc("@throws $T if the init argument is not {@code Serializable}\n",
                        ClusterTypes.WIRE_EXCEPTION)
                .addStatement("return $T.peeper($L, $L$L)", ClusterTypes.CLUSTER_STARTERS, implementation, arguments,
                        options)
                .build();
    }
}
