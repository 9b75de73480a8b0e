package org.fillwatch.incident;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence pictures as files, {@code dir/{registration number}/{opened|resolved}-{time}.jpg}, and
 * their retention: the sweep deletes pictures older than the maximum age, then the oldest ones
 * until all of them fit in the maximum size.
 */
class EvidenceStore implements EvidenceFiles {

    private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Duration maxAge;
    private final long maxBytes;
    private final long minFreeBytes;
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;

    EvidenceStore(Path dir, Duration maxAge, long maxBytes) {
        this(dir, maxAge, maxBytes, 0);
    }

    /** @param minFreeBytes a picture is not stored when the disk would have less than this left */
    EvidenceStore(Path dir, Duration maxAge, long maxBytes, long minFreeBytes) {
        this.dir = dir;
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * Stores one picture. A full disk (or one below the free-space floor) first gets the retention
     * sweep and one more try; if that fails too, the failure is counted for the health check and
     * thrown. Nothing else waits on it: the incident is kept either way.
     *
     * @param moment {@code opened} or {@code resolved}
     */
    Path store(String registrationNumber, String moment, Instant at, byte[] jpeg) throws IOException {
        if (!SAFE.matcher(registrationNumber).matches()) {
            throw new IllegalArgumentException("not a registration number: " + registrationNumber);
        }
        Path folder = Files.createDirectories(dir.resolve(registrationNumber));
        Path file = folder.resolve(moment + "-" + STAMP.format(at) + ".jpg");
        try {
            write(file, jpeg);
        } catch (IOException first) {
            Files.deleteIfExists(file);
            int deleted = sweep(Instant.now());
            try {
                write(file, jpeg);
                log.warn("Evidence {} stored after the retention sweep deleted {} picture(s): {}", file, deleted,
                        first.getMessage());
            } catch (IOException again) {
                Files.deleteIfExists(file);
                failures.incrementAndGet();
                lastFailure = Instant.now() + " " + again.getMessage();
                throw again;
            }
        }
        lastFailure = null;
        return file;
    }

    private void write(Path file, byte[] jpeg) throws IOException {
        long free = freeBytes();
        if (minFreeBytes > 0 && free >= 0 && free - jpeg.length < minFreeBytes) {
            throw new IOException("disk nearly full: " + free + " bytes free in " + dir
                    + ", fillwatch.evidence.min-free is " + minFreeBytes);
        }
        Files.write(file, jpeg);
    }

    /** Usable bytes on the evidence disk; -1 when unknown. */
    long freeBytes() {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** For the health check: pictures that could not be stored, and the last failure while it lasts. */
    Map<String, Object> health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dir", dir.toString());
        details.put("freeBytes", freeBytes());
        details.put("minFreeBytes", minFreeBytes);
        details.put("notStored", failures.get());
        if (lastFailure != null) {
            details.put("lastFailure", lastFailure);
        }
        return details;
    }

    /** True while the last picture could not be stored or the free-space floor is reached. */
    boolean troubled() {
        long free = freeBytes();
        return lastFailure != null || (minFreeBytes > 0 && free >= 0 && free < minFreeBytes);
    }

    @Override
    public List<EvidenceFile> list(String registrationNumber) {
        if (!SAFE.matcher(registrationNumber).matches() || !Files.isDirectory(dir.resolve(registrationNumber))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.resolve(registrationNumber))) {
            return files.filter(Files::isRegularFile).map(EvidenceStore::describe)
                    .sorted(Comparator.comparing(EvidenceFile::storedAt).thenComparing(EvidenceFile::name)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<byte[]> read(String registrationNumber, String name) {
        if (!SAFE.matcher(registrationNumber).matches() || !SAFE.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(registrationNumber).resolve(name);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the retention limits at the given time; returns the number of pictures deleted. */
    int sweep(Instant now) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> all;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            all = new ArrayList<>(files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".jpg"))
                    .sorted(Comparator.comparing(EvidenceStore::modified)).toList());
        }
        long total = 0;
        for (Path p : all) {
            total += Files.size(p);
        }
        int deleted = 0;
        Instant oldest = now.minus(maxAge);
        for (Path p : all) {
            if (modified(p).isBefore(oldest) || total > maxBytes) {
                total -= Files.size(p);
                Files.delete(p);
                deleted++;
                try (Stream<Path> rest = Files.list(p.getParent())) {
                    if (rest.findAny().isEmpty()) {
                        Files.delete(p.getParent());
                    }
                }
            }
        }
        if (deleted > 0) {
            log.info("Evidence retention: {} picture(s) deleted, {} bytes kept", deleted, total);
        }
        return deleted;
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static EvidenceFile describe(Path p) {
        try {
            FileTime time = Files.getLastModifiedTime(p);
            return new EvidenceFile(p.getFileName().toString(), Files.size(p), time.toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
