package org.fillwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * With the shipped application.yml, closing the context lets the alert listeners (task executor) and
 * scheduled jobs (scheduler) finish what they run instead of interrupting them: an interrupt inside
 * a JDBC call closes an H2 file database's channel under every other connection. Spring's executors
 * do so by themselves (they stop in the context's lifecycle phase and let running tasks end), so the
 * service sets nothing for it; this guards that against a setting or an upgrade that changes it.
 */
class ShutdownWaitsForTasksTest {

    private final ApplicationContextRunner shipped = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
            .withUserConfiguration(Scheduling.class);

    @EnableScheduling
    static class Scheduling {
    }

    @Test
    void runningListenersAndJobsFinishUninterruptedWhenTheContextCloses() {
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(2);
        Runnable statement = () -> {
            running.countDown();
            try {
                Thread.sleep(300); // a statement still running when the stop begins
                finished.incrementAndGet();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        };
        shipped.run(context -> {
            context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class).execute(statement);
            context.getBean(TaskScheduler.class).schedule(statement, java.time.Instant.now());
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        });
        assertThat(interrupted.get()).as("tasks interrupted by the close").isZero();
        assertThat(finished.get()).isEqualTo(2);
    }
}
