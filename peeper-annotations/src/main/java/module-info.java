/**
 * The annotations the Peeper processor reads: {@link dev.peeper.annotations.GenServer} and its options. They are
 * kept in class files but read by nothing at run time, so a module needs them at compile time only.
 *
 * <pre>{@code
 * module com.example.shop {
 *     requires dev.peeper.runtime;
 *     requires static dev.peeper.annotations;
 * }
 * }</pre>
 */
module dev.peeper.annotations {
    exports dev.peeper.annotations;
}
