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
import java.util.List;
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

    EvidenceStore(Path dir, Duration maxAge, long maxBytes) {
        this.dir = dir;
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
    }

    /** @param moment {@code opened} or {@code resolved} */
    Path store(String registrationNumber, String moment, Instant at, byte[] jpeg) throws IOException {
        if (!SAFE.matcher(registrationNumber).matches()) {
            throw new IllegalArgumentException("not a registration number: " + registrationNumber);
        }
        Path folder = Files.createDirectories(dir.resolve(registrationNumber));
        Path file = folder.resolve(moment + "-" + STAMP.format(at) + ".jpg");
        Files.write(file, jpeg);
        return file;
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
