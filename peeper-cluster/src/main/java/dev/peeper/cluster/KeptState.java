package dev.peeper.cluster;

/**
 * A named server's replicated state as the state map holds it: the state, the generation of the incarnation that
 * kept it (each takeover bumps it, so a stale incarnation's writes are refused) and how many states that
 * incarnation has kept (so a retried write is recognised and applied once).
 *
 * @param generation the keeping incarnation's generation, from 1
 * @param owner      the keeping incarnation's token: a retried takeover finds its own
 * @param sequence   how many states this incarnation has kept; {@code 0} before its first
 * @param state      the last state kept, or {@code null}
 */
record KeptState(long generation, long owner, long sequence, Object state) implements KeeperEntry {
}
