package dev.peeper.bench.targets;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The counter as a Pekko typed actor (the actor system's guardian, so no child is spawned): a call is
 * {@code AskPattern.ask} with the same 5 s timeout as a server call, a cast is {@code tell}. Pekko runs on its
 * default fork-join dispatcher with its default settings.
 */
final class PekkoTarget implements Target {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Add ONE = new Add(1);

    private sealed interface Command permits Get, Add {
    }

    private record Get(ActorRef<Integer> replyTo) implements Command {
    }

    private record Add(int by) implements Command {
    }

    private static final class Counter extends AbstractBehavior<Command> {
        private int count;

        Counter(ActorContext<Command> context) {
            super(context);
        }

        @Override
        public Receive<Command> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Get.class, this::answer)
                    .onMessage(Add.class, this::add)
                    .build();
        }

        private Behavior<Command> answer(Get get) {
            get.replyTo().tell(count);
            return this;
        }

        private Behavior<Command> add(Add add) {
            count += add.by();
            return this;
        }
    }

    private final ActorSystem<Command> system = ActorSystem.create(Behaviors.setup(Counter::new), "bench-counter");

    @Override
    public int call() {
        return AskPattern.<Command, Integer>ask(system, Get::new, TIMEOUT, system.scheduler())
                .toCompletableFuture()
                .join();
    }

    @Override
    public void cast() {
        system.tell(ONE);
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
