package dev.peeper.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the writers need to generate one server's client and dispatcher, as names and flags only: no
 * {@code Element} or {@code TypeMirror}, so writing cannot depend on anything the checks did not look at.
 *
 * @param server        the user's server class
 * @param client        the client to generate
 * @param dispatcher    the dispatcher to generate
 * @param isPublic      whether the generated classes are public (the server is public all the way out)
 * @param state         the state type
 * @param init          init
 * @param calls         the handleCall overloads
 * @param casts         the handleCast overloads
 * @param infos         the handleInfo overloads
 * @param continues     the handleContinue overloads
 * @param terminate     the server's terminate, if it declares one
 * @param codeChange    the server's codeChange that keeps the state type, if it declares one
 * @param migrations    the server's codeChange overloads that migrate an old state of another type, most specific
 *                      old type first (the order of the dispatcher's type switch)
 * @param restore       the server's restore, if it declares one
 * @param copyState     the server's copyState, if {@code @GenServer(stateCopy = COPY_METHOD)}
 * @param callTimeout   the client's default call timeout; empty for the runtime's
 * @param handoff       the server's handoff, if it declares one
 * @param resolveConflict the server's resolveConflict, if it declares one
 * @param cluster       whether {@code peeper-cluster} is visible to the server's compilation: then the client
 *                      also starts its server in a cluster
 */
public record ServerModel(ClassName server, ClassName client, ClassName dispatcher, boolean isPublic, TypeName state,
                          InitModel init, HandlerGroup calls, HandlerGroup casts, HandlerGroup infos,
                          HandlerGroup continues, Optional<LifecycleModel> terminate,
                          Optional<LifecycleModel> codeChange, List<MigrationModel> migrations,
                          Optional<LifecycleModel> restore,
                          Optional<LifecycleModel> copyState, Optional<Duration> callTimeout,
                          Optional<LifecycleModel> handoff, Optional<LifecycleModel> resolveConflict,
                          boolean cluster) {

    /**
     * This model with other handlers for the client's methods, so that parts of the client can be rendered on
     * their own: with none, the members every client of this server has; with one, those it adds.
     */
    public ServerModel withClientHandlers(HandlerGroup calls, HandlerGroup casts, HandlerGroup infos) {
        return new ServerModel(server, client, dispatcher, isPublic, state, init, calls, casts, infos, continues,
                terminate, codeChange, migrations, restore, copyState, callTimeout, handoff, resolveConflict,
                cluster);
    }
}
