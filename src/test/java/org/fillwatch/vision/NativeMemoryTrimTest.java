package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Freed C heap that the allocator setting keeps (the tests run with it, as the service does) goes back on a trim. */
class NativeMemoryTrimTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void freedFramesGoBackToTheKernel() {
        List<BytePointer> frames = new ArrayList<>();
        for (int i = 0; i < 80; i++) { // 80 decoded 1280x720 frames, 2.7 MB each: below the mmap threshold, so in the arenas
            BytePointer frame = new BytePointer(1280 * 720 * 3L);
            frame.fill(1);
            frames.add(frame);
        }
        long held = Pointer.physicalBytes();
        for (int i = frames.size() - 1; i >= 0; i--) {
            frames.get(i).close();
        }
        long afterFree = Pointer.physicalBytes();
        long returned = NativeMemoryTrim.trim();
        long afterTrim = Pointer.physicalBytes();
        System.out.printf("resident: %d MiB holding, %d MiB after free, %d MiB after trim (%d MiB returned)%n",
                held >> 20, afterFree >> 20, afterTrim >> 20, returned >> 20);
        assertThat(afterFree).as("GLIBC_TUNABLES keeps freed memory (trim threshold 1 GB)").isGreaterThan(held - (60L << 20));
        assertThat(returned).as("most of the 211 MB freed goes back").isGreaterThan(120L << 20);
        assertThat(afterTrim).isLessThan(afterFree - (120L << 20));
    }
}
