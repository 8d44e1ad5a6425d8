package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.peeper.process.ExitReason;
import dev.peeper.supervisor.internal.RestartIntensity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Child specs, supervisor flags and dynamic supervisor options: plain data, validated with precise errors. */
class SpecValidationTest {
    private static final ChildStart NEVER_CALLED = () -> {
        throw new AssertionError("a validation test never starts a child");
    };

    // ---- ChildSpec ----

    @Test
    void aWorkerSpecIsPermanentNotSignificantAndHasFiveSecondsToShutDown() {
        ChildSpec spec = ChildSpec.worker("cache", NEVER_CALLED);

        assertThat(spec.id()).isEqualTo("cache");
        assertThat(spec.start()).isSameAs(NEVER_CALLED);
        assertThat(spec.type()).isEqualTo(ChildType.WORKER);
        assertThat(spec.restart()).isEqualTo(Restart.PERMANENT);
        assertThat(spec.shutdown()).isEqualTo(Shutdown.timeout(Duration.ofSeconds(5)));
        assertThat(ChildSpec.DEFAULT_WORKER_SHUTDOWN).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.significant()).isFalse();
    }

    @Test
    void aSupervisorSpecIsPermanentAndWaitedForAsLongAsItTakes() {
        ChildSpec spec = ChildSpec.supervisor("tree", NEVER_CALLED);

        assertThat(spec.type()).isEqualTo(ChildType.SUPERVISOR);
        assertThat(spec.restart()).isEqualTo(Restart.PERMANENT);
        assertThat(spec.shutdown()).isEqualTo(Shutdown.infinity());
        assertThat(spec.significant()).isFalse();
    }

    @Test
    void supervisorChildSpecRunsANestedSupervisorWithTheSupervisorDefaults() {
        ChildSpec spec = Supervisor.childSpec("inner", SupervisorFlags.oneForAll(), List.of());

        assertThat(spec.id()).isEqualTo("inner");
        assertThat(spec.type()).isEqualTo(ChildType.SUPERVISOR);
        assertThat(spec.restart()).isEqualTo(Restart.PERMANENT);
        assertThat(spec.shutdown()).isEqualTo(Shutdown.infinity());
    }

    @Test
    void theWithMethodsChangeOneFieldAndKeepTheOthers() {
        ChildSpec spec = ChildSpec.worker("w", NEVER_CALLED)
                .withRestart(Restart.TRANSIENT)
                .withShutdown(Shutdown.brutalKill())
                .withSignificant(true);

        assertThat(spec).isEqualTo(new ChildSpec("w", NEVER_CALLED, Restart.TRANSIENT, Shutdown.brutalKill(),
                ChildType.WORKER, true));
    }

    @Test
    void aChildNeedsAnId() {
        assertThatNullPointerException()
                .isThrownBy(() -> ChildSpec.worker(null, NEVER_CALLED))
                .withMessage("id: every child needs an id, unique among its supervisor's children");
    }

    @Test
    void aChildNeedsAStartFunctionAndEveryOtherField() {
        assertThatNullPointerException()
                .isThrownBy(() -> ChildSpec.worker("w", null))
                .withMessage("start of child w: give a function that starts it linked");
        assertThatNullPointerException()
                .isThrownBy(() -> ChildSpec.worker("w", NEVER_CALLED).withRestart(null))
                .withMessage("restart of child w");
        assertThatNullPointerException()
                .isThrownBy(() -> ChildSpec.worker("w", NEVER_CALLED).withShutdown(null))
                .withMessage("shutdown of child w");
        assertThatNullPointerException()
                .isThrownBy(() -> new ChildSpec("w", NEVER_CALLED, Restart.PERMANENT, Shutdown.infinity(), null, false))
                .withMessage("type of child w");
    }

    @Test
    void aSignificantChildCannotBePermanent() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChildSpec.worker("w", NEVER_CALLED).withSignificant(true))
                .withMessage("child w is significant and permanent; a significant child must be TRANSIENT or "
                        + "TEMPORARY, because a permanent child never ends for good");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChildSpec.worker("w", NEVER_CALLED).withRestart(Restart.TEMPORARY)
                        .withSignificant(true).withRestart(Restart.PERMANENT))
                .withMessageStartingWith("child w is significant and permanent");
    }

    @Test
    void significantChildrenMayBeTransientOrTemporary() {
        assertThat(ChildSpec.worker("t", NEVER_CALLED).withRestart(Restart.TRANSIENT).withSignificant(true)
                .significant()).isTrue();
        assertThat(ChildSpec.worker("t", NEVER_CALLED).withRestart(Restart.TEMPORARY).withSignificant(true)
                .significant()).isTrue();
    }

    // ---- Shutdown ----

    @Test
    void aShutdownTimeoutMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Shutdown.timeout(Duration.ZERO))
                .withMessage("a shutdown timeout must be positive, got PT0S; use Shutdown.brutalKill() to kill at once");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Shutdown.timeout(Duration.ofMillis(-1)))
                .withMessageStartingWith("a shutdown timeout must be positive, got PT-0.001S");
        assertThatNullPointerException().isThrownBy(() -> Shutdown.timeout(null)).withMessage("timeout");
    }

    // ---- Restart ----

    @Test
    void restartTypesFollowOtp() {
        ExitReason crash = ExitReason.crash(new TestWorker.Boom("x"));
        ExitReason normal = ExitReason.normal();
        ExitReason shutdown = ExitReason.shutdown();
        ExitReason shutdownWithDetail = ExitReason.shutdown("detail");
        ExitReason killed = ExitReason.killed();

        assertThat(List.of(crash, normal, shutdown, shutdownWithDetail, killed))
                .allMatch(Restart.PERMANENT::restartsAfter)
                .noneMatch(Restart.TEMPORARY::restartsAfter);
        assertThat(List.of(crash, killed, ExitReason.of("boom")))
                .allMatch(Restart.TRANSIENT::restartsAfter);
        assertThat(List.of(normal, shutdown, shutdownWithDetail)).noneMatch(Restart.TRANSIENT::restartsAfter);
    }

    // ---- SupervisorFlags ----

    @Test
    void supervisorFlagsDefaultToOneRestartInFiveSecondsAndNoAutoShutdown() {
        assertThat(SupervisorFlags.oneForOne())
                .isEqualTo(new SupervisorFlags(Strategy.ONE_FOR_ONE, 1, Duration.ofSeconds(5), AutoShutdown.NEVER));
        assertThat(SupervisorFlags.oneForAll().strategy()).isEqualTo(Strategy.ONE_FOR_ALL);
        assertThat(SupervisorFlags.restForOne().strategy()).isEqualTo(Strategy.REST_FOR_ONE);
        assertThat(SupervisorFlags.oneForOne().withIntensity(10, Duration.ofSeconds(1)).withAutoShutdown(
                AutoShutdown.ALL_SIGNIFICANT)).isEqualTo(new SupervisorFlags(Strategy.ONE_FOR_ONE, 10,
                Duration.ofSeconds(1), AutoShutdown.ALL_SIGNIFICANT));
    }

    @Test
    void supervisorFlagsRefuseANegativeIntensityAndANonPositivePeriod() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SupervisorFlags.oneForOne().withIntensity(-1, Duration.ofSeconds(5)))
                .withMessage("maxRestarts must be 0 or more, got -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SupervisorFlags.oneForOne().withIntensity(1, Duration.ZERO))
                .withMessage("the restart period must be positive, got PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SupervisorFlags.oneForOne().withIntensity(1, Duration.ofSeconds(-1)))
                .withMessage("the restart period must be positive, got PT-1S");
        assertThat(SupervisorFlags.oneForOne().withIntensity(0, Duration.ofNanos(1)).maxRestarts()).isZero();
    }

    @Test
    void supervisorFlagsNeedEveryField() {
        assertThatNullPointerException()
                .isThrownBy(() -> new SupervisorFlags(null, 1, Duration.ofSeconds(1), AutoShutdown.NEVER))
                .withMessage("strategy");
        assertThatNullPointerException()
                .isThrownBy(() -> SupervisorFlags.oneForOne().withIntensity(1, null))
                .withMessage("period");
        assertThatNullPointerException()
                .isThrownBy(() -> SupervisorFlags.oneForOne().withAutoShutdown(null))
                .withMessage("autoShutdown");
    }

    @Test
    void restartIntensityIsValidatedLikeTheFlags() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RestartIntensity(-1, Duration.ofSeconds(1)))
                .withMessage("maxRestarts must be 0 or more, got -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RestartIntensity(1, Duration.ZERO))
                .withMessage("the restart period must be positive, got PT0S");
        assertThatNullPointerException()
                .isThrownBy(() -> new RestartIntensity(1, null))
                .withMessage("period");
    }

    // ---- Supervisor.start / childSpec ----

    @Test
    void childIdsMustBeUniqueWithinASupervisor() {
        List<ChildSpec> twins = List.of(ChildSpec.worker("a", NEVER_CALLED), ChildSpec.worker("b", NEVER_CALLED),
                ChildSpec.worker("a", NEVER_CALLED));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), twins))
                .withMessage("two children have the id a; ids must be unique within a supervisor");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Supervisor.childSpec("inner", SupervisorFlags.oneForOne(), twins))
                .withMessage("two children have the id a; ids must be unique within a supervisor");
    }

    @Test
    void idsAreComparedWithEquals() {
        List<ChildSpec> twins = List.of(ChildSpec.worker(new String("a"), NEVER_CALLED),
                ChildSpec.worker(new String("a"), NEVER_CALLED));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), twins))
                .withMessageContaining("two children have the id a");
    }

    @Test
    void aSignificantChildNeedsAnAutoShutdown() {
        List<ChildSpec> children = List.of(
                ChildSpec.worker("s", NEVER_CALLED).withRestart(Restart.TRANSIENT).withSignificant(true));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), children))
                .withMessage("child s is significant but autoShutdown is NEVER; set "
                        + "SupervisorFlags.withAutoShutdown(ANY_SIGNIFICANT or ALL_SIGNIFICANT)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Supervisor.childSpec("inner", SupervisorFlags.oneForOne(), children))
                .withMessageStartingWith("child s is significant but autoShutdown is NEVER");
    }

    @Test
    void supervisorStartNeedsFlagsAndChildren() {
        assertThatNullPointerException()
                .isThrownBy(() -> Supervisor.start(null, List.of()))
                .withMessage("flags");
        assertThatNullPointerException()
                .isThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), null))
                .withMessage("children");
        List<ChildSpec> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatNullPointerException()
                .isThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), withNull))
                .withMessage("children must not contain null");
    }

    // ---- DynamicSupervisorOptions ----

    @Test
    void dynamicSupervisorOptionsDefaultToThreeRestartsInFiveSecondsAndNoLimit() {
        assertThat(DynamicSupervisorOptions.defaults())
                .isEqualTo(new DynamicSupervisorOptions(3, Duration.ofSeconds(5), Integer.MAX_VALUE));
        assertThat(DynamicSupervisorOptions.defaults().withMaxChildren(7).withIntensity(0, Duration.ofMillis(1)))
                .isEqualTo(new DynamicSupervisorOptions(0, Duration.ofMillis(1), 7));
    }

    @Test
    void dynamicSupervisorOptionsAreValidated() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DynamicSupervisorOptions.defaults().withIntensity(-1, Duration.ofSeconds(1)))
                .withMessage("maxRestarts must be 0 or more, got -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DynamicSupervisorOptions.defaults().withIntensity(1, Duration.ZERO))
                .withMessage("the restart period must be positive, got PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DynamicSupervisorOptions.defaults().withMaxChildren(-1))
                .withMessage("maxChildren must be 0 or more, got -1");
        assertThatNullPointerException()
                .isThrownBy(() -> DynamicSupervisorOptions.defaults().withIntensity(1, null))
                .withMessage("period");
        assertThatNullPointerException()
                .isThrownBy(() -> DynamicSupervisor.start(null))
                .withMessage("options");
    }
}
