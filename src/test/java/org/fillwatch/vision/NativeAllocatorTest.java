package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    @Test
    void recognisesTheSetting() {
        assertThat(NativeAllocator.tuned(NativeAllocator.TUNABLES)).isTrue();
        assertThat(NativeAllocator.tuned(null)).isFalse();
        assertThat(NativeAllocator.tuned("glibc.malloc.arena_max=2")).isFalse();
    }

    /** The pom, the Dockerfile and the benchmark scripts start the JVM with the value this class names. */
    @Test
    void everyLauncherSetsTheSameValue() throws Exception {
        for (String file : new String[] {"pom.xml", "Dockerfile", "scripts/bench.sh", "bench/python-ratio.sh"}) {
            assertThat(Files.readString(Path.of(file))).as(file).contains(NativeAllocator.TUNABLES);
        }
    }

    /** Surefire gets it from the pom: the tests themselves run with it. */
    @Test
    void testsRunWithIt() {
        assertThat(NativeAllocator.describe()).isEqualTo("GLIBC_TUNABLES=" + NativeAllocator.TUNABLES);
    }
}
