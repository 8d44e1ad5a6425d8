package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peeper.process.Pid;
import dev.peeper.supervisor.SupervisorException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each refusal of a supervisor has its own {@link SupervisorException#kind()}, as OTP's supervisor answers
 * {@code {error, not_found | running | already_present | ...}}: code switches on the kind, people read the message.
 */
@Timeout(30)
class SupervisorExceptionKindTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    private SupervisorRef startA() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));
        journal.awaitStart("a");
        return sup;
    }

    @Test
    void anUnknownIdIsNotFound() throws Exception {
        SupervisorRef sup = startA();

        assertThat(kindOf(() -> sup.deleteChild("nobody"))).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(() -> sup.restartChild("nobody"))).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(() -> sup.terminateChild("nobody"))).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void restartingOrDeletingARunningChildIsRunning() throws Exception {
        SupervisorRef sup = startA();

        assertThat(kindOf(() -> sup.restartChild("a"))).isEqualTo(Kind.RUNNING);
        assertThat(kindOf(() -> sup.deleteChild("a"))).isEqualTo(Kind.RUNNING);
    }

    @Test
    void startingAnIdThatRunsIsAlreadyStartedAndOneThatIsStoppedIsAlreadyPresent() throws Exception {
        SupervisorRef sup = startA();

        assertThat(kindOf(() -> sup.startChild(TestWorker.spec("a", journal)))).isEqualTo(Kind.ALREADY_STARTED);
        sup.terminateChild("a");
        assertThat(kindOf(() -> sup.startChild(TestWorker.spec("a", journal)))).isEqualTo(Kind.ALREADY_PRESENT);
    }

    @Test
    void aChildWhoseStartThrowsIsStartFailed() throws Exception {
        SupervisorRef sup = startA();

        assertThat(kindOf(() -> sup.startChild(ChildSpec.worker("c", () -> {
            throw new IllegalStateException("cannot start (thrown on purpose by a test)");
        })))).isEqualTo(Kind.START_FAILED);
    }

    @Test
    void aSignificantChildUnderAutoShutdownNeverIsInvalidSpec() throws Exception {
        SupervisorRef sup = startA();

        assertThat(kindOf(() -> sup.startChild(TestWorker.spec("s", journal).withRestart(Restart.TRANSIENT)
                .withSignificant(true)))).isEqualTo(Kind.INVALID_SPEC);
    }

    @Test
    void aRequestForAnotherKindOfSupervisorIsUnsupported() throws Exception {
        SupervisorRef sup = startA();
        Pid a = sup.whichChildren().get(0).pid();

        assertThat(kindOf(() -> new DynamicSupervisorRef(sup.server()).terminateChild(a)))
                .isEqualTo(Kind.UNSUPPORTED);
        DynamicSupervisorRef dynamic = supervisors.startDynamic(DynamicSupervisorOptions.defaults());
        assertThat(kindOf(() -> new SupervisorRef(dynamic.server()).deleteChild("a"))).isEqualTo(Kind.UNSUPPORTED);
    }

    @Test
    void aDynamicSupervisorSaysNotFoundMaxChildrenAndStartFailed() throws Exception {
        DynamicSupervisorRef sup = supervisors.startDynamic(DynamicSupervisorOptions.defaults().withMaxChildren(1));
        DynamicSupervisorRef roomy = supervisors.startDynamic(DynamicSupervisorOptions.defaults());
        sup.startChild(TestWorker.spec("a", journal));
        Pid notAChild = roomy.pid();

        assertThat(kindOf(() -> sup.terminateChild(notAChild))).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(() -> sup.detachChild(notAChild))).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(() -> sup.startChild(TestWorker.spec("b", journal)))).isEqualTo(Kind.MAX_CHILDREN);

        assertThat(kindOf(() -> roomy.startChild(ChildSpec.worker("c", () -> {
            throw new IllegalStateException("cannot start (thrown on purpose by a test)");
        })))).isEqualTo(Kind.START_FAILED);
    }

    @Test
    void aChildWaitingForARestartRetryIsNotRefusedButDeletedAndTheRetryDropped() throws Exception {
        HeldFailingRestart held = HeldFailingRestart.start(supervisors, journal);

        // OTP would answer {error, restarting}; here the child is deleted and its pending retry dropped
        held.sendThenFailTheRestart(new SupervisorRequest.DeleteChild("x"));

        assertThat(held.supervisor.whichChildren()).containsExactly(
                new ChildInfo("keep", held.keep, ChildType.WORKER, Restart.PERMANENT));
        assertThat(held.attempts).as("the retry found nothing to restart").hasValue(2);
    }

    @Test
    void theConstructorsWithoutAKindGiveOther() {
        assertThat(new SupervisorException("made by hand").kind()).isEqualTo(Kind.OTHER);
        assertThat(new SupervisorException("made by hand", new IllegalStateException()).kind()).isEqualTo(Kind.OTHER);
    }

    private static Kind kindOf(Runnable request) {
        SupervisorException refused = catchThrowableOfType(SupervisorException.class, request::run);
        assertThat(refused).as("the supervisor must refuse").isNotNull();
        return refused.kind();
    }
}
