package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.server.Dispatcher;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ResumingDispatcher} stands in for the user's server: it must pass on every {@link Dispatcher} method, so a
 * method added to the interface later (as {@code codeChangeFrom} was) fails here until it is forwarded.
 */
class ResumingDispatcherTest {
    private static List<Method> dispatcherMethods() {
        return Arrays.stream(Dispatcher.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .toList();
    }

    @Test
    void itOverridesEveryDispatcherMethod() {
        List<String> missing = new ArrayList<>();
        for (Method method : dispatcherMethods()) {
            try {
                ResumingDispatcher.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(method.toString());
            }
        }
        assertThat(missing).as("Dispatcher methods ResumingDispatcher does not forward").isEmpty();
    }

    @Test
    void everyMethodButInitReachesTheWrappedServer() throws Exception {
        List<String> reached = new ArrayList<>();
        Dispatcher<?> server = (Dispatcher<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Dispatcher.class}, (proxy, method, args) -> {
                    reached.add(method.getName());
                    return null;
                });
        ResumingDispatcher resuming = new ResumingDispatcher(server, null, "name");
        List<String> expected = new ArrayList<>();
        for (Method method : dispatcherMethods()) {
            if (method.getName().equals("init")) {
                continue; // reads the replicated state first: covered by the failover tests
            }
            method.invoke(resuming, new Object[method.getParameterCount()]);
            expected.add(method.getName());
        }
        assertThat(reached).containsExactlyElementsOf(expected);
    }
}
