package org.fillwatch.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer on its own: order, caps, counted losses, and what survives a restart. */
class SpillBufferTest {

    @Test
    void memoryThenDiskThenDroppedInOrder(@TempDir Path dir) {
        try (SpillBuffer buffer = new SpillBuffer(3, 40, dir)) {
            for (int i = 0; i < 10; i++) {
                buffer.offer("line-" + i); // 7 bytes each with the newline
            }
            assertThat(buffer.inMemory()).isEqualTo(3);
            assertThat(buffer.onDisk()).isEqualTo(5);
            assertThat(buffer.diskBytes()).isEqualTo(35);
            assertThat(buffer.dropped()).isEqualTo(2);
            assertThat(drainAll(buffer)).containsExactly("line-0", "line-1", "line-2", "line-3", "line-4", "line-5",
                    "line-6", "line-7");
            assertThat(buffer.diskBytes()).isZero();
            buffer.offer("again");
            assertThat(buffer.inMemory()).as("memory used again once the file is empty").isEqualTo(1);
        }
    }

    @Test
    void whileTheFileHoldsLinesNewOnesQueueBehindThem(@TempDir Path dir) {
        try (SpillBuffer buffer = new SpillBuffer(2, 1000, dir)) {
            buffer.offer("a");
            buffer.offer("b");
            buffer.offer("c"); // disk
            SpillBuffer.Batch first = buffer.peek(10);
            buffer.commit(first); // memory is empty, the file still holds c
            buffer.offer("d");
            assertThat(buffer.inMemory()).isZero();
            assertThat(drainAll(buffer)).containsExactly("c", "d");
        }
    }

    @Test
    void spilledLinesAndMemoryAtShutdownSurviveARestart(@TempDir Path dir) throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(1, 1000, dir)) {
            for (String s : List.of("a", "b", "c", "d")) {
                buffer.offer(s);
            }
            buffer.commit(buffer.peek(1)); // a written
            buffer.commit(buffer.peek(1)); // b written, read position persisted
            buffer.offer("e");
            assertThat(buffer.spillMemory()).isZero();
        }
        Files.writeString(dir.resolve(SpillBuffer.SPILL_FILE), "half-a-li", java.nio.file.StandardOpenOption.APPEND);
        try (SpillBuffer again = new SpillBuffer(1, 1000, dir)) {
            assertThat(again.onDisk()).isEqualTo(3);
            assertThat(drainAll(again)).as("the half line of a crash is cut").containsExactly("c", "d", "e");
        }
    }

    @Test
    void twoStoresCannotShareOneSpillFile(@TempDir Path dir) {
        try (SpillBuffer ignored = new SpillBuffer(1, 1000, dir)) {
            assertThatThrownBy(() -> new SpillBuffer(1, 1000, dir)).hasMessageContaining("in use")
                    .hasMessageContaining(SpillBuffer.SPILL_FILE);
        }
    }

    private static List<String> drainAll(SpillBuffer buffer) {
        List<String> out = new ArrayList<>();
        for (SpillBuffer.Batch b = buffer.peek(2); !b.isEmpty(); b = buffer.peek(2)) {
            out.addAll(b.lines());
            buffer.commit(b);
        }
        return out;
    }
}
