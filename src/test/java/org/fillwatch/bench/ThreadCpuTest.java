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

    /** A thread of this process that spins shows in its own group, with about the CPU it took. */
    @Test
    void aBusyThreadShowsWithItsShare() throws Exception {
        ThreadCpu cpu = new ThreadCpu(ProcessHandle.current().pid());
        java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            long end = System.nanoTime() + 600_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
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
        String busiest = cpu.busiest(3);
        read.countDown();
        spinner.join();
        assertThat(busiest).contains("spinner ");
        int share = Integer.parseInt(busiest.replaceAll(".*spinner (\\d+) %.*", "$1"));
        assertThat(share).isBetween(40, 110); // 0.6 s of CPU in about 0.6 s
    }
}
