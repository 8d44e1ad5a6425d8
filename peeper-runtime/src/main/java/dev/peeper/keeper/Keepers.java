package dev.peeper.keeper;

/** The keeper strategies this runtime provides. */
public final class Keepers {
    private static final KeeperFactory IN_MEMORY = name -> new InMemoryKeeper<>();

    private Keepers() {
    }

    /**
     * Keeps each server's state in a field of this JVM: no copy, no allocation, no synchronisation per message.
     *
     * @return the factory of in-memory keepers, the default
     */
    public static KeeperFactory inMemory() {
        return IN_MEMORY;
    }

    /**
     * The in-memory keeper. {@code keep} and {@code restore} never run at the same time: the server restores only
     * after the worker that kept has ended, and that ending orders the two (it completes a future the server waits
     * on), so a plain field is safe and the hot path pays nothing for it.
     */
    private static final class InMemoryKeeper<S> implements Keeper<S> {
        private S state;

        @Override
        public void keep(S state) {
            this.state = state;
        }

        @Override
        public S restore() {
            return state;
        }

        @Override
        public void release() {
            state = null;
        }
    }
}
