package org.fillwatch.timeseries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Readings (as InfluxDB line protocol) waiting to be written: first a bounded queue in memory, then,
 * when that is full, an append-only file with a size cap; beyond both a reading is dropped and
 * counted. Order is kept: while the file holds anything, new lines go behind it on disk, and the
 * memory queue (older) is written before the file. The read position in the file is persisted, so
 * lines spilled before a crash or restart are written after it. Thread-safe.
 */
final class SpillBuffer implements AutoCloseable {

    static final String SPILL_FILE = "readings.lp";
    static final String OFFSET_FILE = "readings.offset";

    private final int memoryCapacity;
    private final long diskCapacity;
    private final Path file;
    private final Path offsetFile;
    private final ArrayDeque<String> memory = new ArrayDeque<>();
    private FileChannel channel;
    /** Bytes of the file already written to the store; the file is cut to nothing when all are. */
    private long readOffset;
    private long spilledLines;
    private long dropped;

    SpillBuffer(int memoryCapacity, long diskCapacity, Path dir) {
        if (memoryCapacity < 1 || diskCapacity < 0) {
            throw new IllegalArgumentException("memory capacity must be >= 1, disk capacity >= 0");
        }
        this.memoryCapacity = memoryCapacity;
        this.diskCapacity = diskCapacity;
        this.file = dir.resolve(SPILL_FILE);
        this.offsetFile = dir.resolve(OFFSET_FILE);
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            // two writers appending to one file would interleave and replay each other's lines
            if (lockedElsewhere()) {
                channel.close();
                throw new IllegalStateException("spill file " + file.toAbsolutePath()
                        + " is in use by another store; give each instance its own spill-dir");
            }
            cutPartialLastLine();
            readOffset = Math.min(storedOffset(), channel.size());
            spilledLines = countLines(readOffset);
            if (spilledLines == 0) {
                channel.truncate(0);
                readOffset = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spill directory " + dir.toAbsolutePath() + " not usable: " + e.getMessage(), e);
        }
    }

    /** Queues one line; false (and counted) when neither memory nor disk has room. */
    synchronized boolean offer(String line) {
        if (spilledLines == 0 && memory.size() < memoryCapacity) {
            memory.addLast(line);
            return true;
        }
        return appendToDisk(line);
    }

    private boolean appendToDisk(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            long size = channel.size();
            if (size + bytes.length > diskCapacity) {
                dropped++;
                return false;
            }
            channel.write(ByteBuffer.wrap(bytes), size);
            spilledLines++;
            return true;
        } catch (IOException e) {
            // a full or broken disk loses the reading, but never silently
            dropped++;
            return false;
        }
    }

    /**
     * The oldest lines, at most {@code max}, without removing them; {@link #commit} removes them once
     * the store took them.
     */
    synchronized Batch peek(int max) {
        if (!memory.isEmpty()) {
            List<String> lines = new ArrayList<>(Math.min(max, memory.size()));
            for (String line : memory) {
                if (lines.size() == max) {
                    break;
                }
                lines.add(line);
            }
            return new Batch(lines, true, 0);
        }
        if (spilledLines == 0) {
            return new Batch(List.of(), true, 0);
        }
        return readSpilled(max);
    }

    synchronized void commit(Batch batch) {
        if (batch.fromMemory()) {
            for (int i = 0; i < batch.lines().size(); i++) {
                memory.removeFirst();
            }
            return;
        }
        readOffset += batch.bytes();
        spilledLines -= batch.lines().size();
        try {
            if (spilledLines == 0) {
                channel.truncate(0);
                readOffset = 0;
            }
            Files.writeString(offsetFile, Long.toString(readOffset));
        } catch (IOException e) {
            throw new UncheckedIOException("spill file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves what waits in memory to the end of the spill file, at shutdown, so that a restart writes
     * it; returns how many were kept. Their order relative to the file no longer holds, which InfluxDB
     * does not mind: every point carries its own time.
     */
    synchronized int spillMemory() {
        int kept = 0;
        while (!memory.isEmpty()) {
            String line = memory.removeFirst();
            if (appendToDisk(line)) {
                kept++;
            }
        }
        return kept;
    }

    synchronized int inMemory() {
        return memory.size();
    }

    synchronized long onDisk() {
        return spilledLines;
    }

    synchronized long diskBytes() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    synchronized long dropped() {
        return dropped;
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            // closing anyway; the lines already written stay in the file
        }
    }

    /** Lines taken from the buffer; {@code bytes} is what they occupied in the spill file. */
    record Batch(List<String> lines, boolean fromMemory, long bytes) {
        boolean isEmpty() {
            return lines.isEmpty();
        }
    }

    private Batch readSpilled(int max) {
        try {
            long size = channel.size();
            int chunk = (int) Math.min(size - readOffset, 1 << 20);
            ByteBuffer buffer = ByteBuffer.allocate(chunk);
            channel.read(buffer, readOffset);
            byte[] bytes = buffer.array();
            List<String> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < buffer.position() && lines.size() < max; i++) {
                if (bytes[i] == '\n') {
                    lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return new Batch(lines, false, start);
        } catch (IOException e) {
            throw new UncheckedIOException("spill file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private long storedOffset() throws IOException {
        if (!Files.isRegularFile(offsetFile)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(offsetFile).trim());
        } catch (NumberFormatException e) {
            return 0; // at worst a batch is written twice: InfluxDB keeps one point per series and time
        }
    }

    private boolean lockedElsewhere() throws IOException {
        try {
            return channel.tryLock() == null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;
        }
    }

    /** A crash while appending can leave half a line: it is cut, so the next line does not join it. */
    private void cutPartialLastLine() throws IOException {
        long end = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < channel.size()) {
            channel.truncate(end);
        }
    }

    private long countLines(long from) throws IOException {
        long lines = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (long pos = from; pos < channel.size(); ) {
            buffer.clear();
            int n = channel.read(buffer, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    lines++;
                }
            }
            pos += n;
        }
        return lines;
    }
}
