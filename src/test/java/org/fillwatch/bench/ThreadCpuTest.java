package org.fillwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsNamedAlikeAreOneGroup() {
        assertThat(ThreadCpu.group("camera-worker-2")).isEqualTo("camera-worker");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo(ThreadCpu.group("C1 CompilerThre")).isEqualTo("JIT");
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("timeseries-writ")).isEqualTo("timeseries-writ");
    }

    /**
     * A thread of this process that spins shows in its own group with the CPU it took over the
     * window: its own CPU time (ThreadMXBean) divided by the time around the window, within the
     * 10 ms resolution of the kernel's ticks. Measured against its CPU time, not the wall time of
     * its loop, so that a busy machine does not change what is expected.
     */
    @Test
    void aBusyThreadShowsWithItsShare() throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
        ThreadCpu cpu = new ThreadCpu(ProcessHandle.current().pid());
        long before = System.nanoTime(); // its window starts as it is built and ends in busiest()
        Thread spinner = new Thread(() -> {
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < 400_000_000L) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.println(x);
            }
            spun.countDown();
            try {
                read.await(); // an ended thread is gone from /proc, and its time with it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spinner-7");
        spinner.start();
        spun.await();
        long spinnerCpu = mx.getThreadCpuTime(spinner.getId());
        String busiest = cpu.busiest(3);
        double window = (System.nanoTime() - before) / 1e9;
        read.countDown();
        spinner.join();

        assertThat(busiest).contains("spinner ");
        int share = Integer.parseInt(busiest.replaceAll(".*spinner (\\d+) %.*", "$1"));
        double expected = spinnerCpu / 1e9 / window * 100;
        assertThat((double) share).as("share of a core, expected about %.0f %% (%s)", expected, busiest)
                .isBetween(expected - 5, expected * 1.1 + 5);
    }
}
