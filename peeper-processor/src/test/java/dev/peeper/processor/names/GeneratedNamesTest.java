package dev.peeper.processor.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedNamesTest {
    @Test
    void generatedClasses() {
        assertThat(GeneratedNames.client(List.of("Counter"), "")).isEqualTo("CounterClient");
        assertThat(GeneratedNames.client(List.of("Shop", "Cart"), "")).isEqualTo("Shop_CartClient");
        assertThat(GeneratedNames.client(List.of("Shop", "Cart"), "Carts")).isEqualTo("Carts");
        assertThat(GeneratedNames.dispatcher(List.of("Shop", "Cart"))).isEqualTo("Shop_Cart_Dispatcher");
    }

    @Test
    void clientMethods() {
        assertThat(GeneratedNames.messageMethod("Get")).isEqualTo("get");
        assertThat(GeneratedNames.messageMethod("GetAll")).isEqualTo("getAll");
        assertThat(GeneratedNames.messageMethod("URLFetch")).isEqualTo("urlFetch");
        assertThat(GeneratedNames.messageMethod("IO")).isEqualTo("io");
        assertThat(GeneratedNames.messageMethod("New")).isEqualTo("new_");
        assertThat(GeneratedNames.asyncMethod("new_")).isEqualTo("newAsync");
        assertThat(GeneratedNames.asyncMethod("get")).isEqualTo("getAsync");
        assertThat(GeneratedNames.infoMethod("Tick")).isEqualTo("sendTick");
    }
}
