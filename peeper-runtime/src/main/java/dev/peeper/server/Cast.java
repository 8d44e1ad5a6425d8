package dev.peeper.server;

/** The envelope of a cast, {@code gen_server}'s {@code {'$gen_cast', Request}}. */
record Cast(Object request) {
}
