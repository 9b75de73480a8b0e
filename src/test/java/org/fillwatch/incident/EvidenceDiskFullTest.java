package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the evidence folder: a real tiny file system (tmpfs) that runs out of space,
 * and a disk below the free-space floor. The failure is counted and shown as a health
 * warning, the retention sweep runs first, and a later picture that fits is stored again.
 */
class EvidenceDiskFullTest {

    @TempDir Path dir;

    @Test
    void aFullDiskIsCountedAndShownAndTheRetentionSweepMakesRoom() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        // a real 128 KB file system: writes beyond it fail with ENOSPC (needs root, as in CI)
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", disk.toString()),
                "cannot mount a tmpfs here");
        try {
            Instant at = Instant.parse("2026-11-25T10:00:00Z");
            EvidenceStore keepAll = new EvidenceStore(disk, Duration.ofDays(90), 10_000_000, 0);
            int stored = 0;
            IOException full = null;
            for (int i = 0; i < 20 && full == null; i++) {
                try {
                    keepAll.store(String.format("2026-%06d", i + 1), "opened", at.plusSeconds(i), new byte[20_000]);
                    stored++;
                } catch (IOException e) {
                    full = e;
                }
            }
            assertThat(full).as("the disk filled up").isNotNull().hasMessageContaining("No space left");
            assertThat(keepAll.troubled()).isTrue();
            assertThat(keepAll.health()).containsEntry("notStored", 1L);
            assertThat(keepAll.health().get("lastFailure").toString()).contains("No space left");

            // with a size limit the sweep deletes the oldest pictures and the new one fits
            EvidenceStore limited = new EvidenceStore(disk, Duration.ofDays(90), 60_000, 0);
            Path saved = limited.store("2026-000100", "opened", at.plusSeconds(100), new byte[20_000]);
            assertThat(saved).exists();
            assertThat(limited.troubled()).isFalse();
            assertThat(dir.resolve("disk/2026-000001")).as("oldest picture swept").doesNotExist();
            System.out.printf("EvidenceDiskFullTest: 128 KB disk took %d pictures of 20 KB, the next failed (%s); "
                    + "with max-bytes 60 KB the sweep made room%n", stored, full.getMessage());
        } finally {
            run("umount", disk.toString());
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test
    void belowTheFreeSpaceFloorTheSweepRunsFirstAndNothingIsWrittenIfItDoesNotHelp() throws Exception {
        Instant now = Instant.now();
        Path old = Files.createDirectories(dir.resolve("2026-000001")).resolve("opened-20250101T000000Z.jpg");
        Files.write(old, new byte[1000]);
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(100))));
        long floor = Long.MAX_VALUE / 2; // more than any disk has: the disk is "full"
        EvidenceStore store = new EvidenceStore(dir, Duration.ofDays(90), 1_000_000, floor);

        assertThatThrownBy(() -> store.store("2026-000002", "opened", now, new byte[100]))
                .hasMessageContaining("disk nearly full").hasMessageContaining("fillwatch.evidence.min-free");
        assertThat(old).as("retention swept before giving up").doesNotExist();
        assertThat(dir.resolve("2026-000002")).isEmptyDirectory();
        assertThat(store.troubled()).isTrue();
        assertThat((long) store.health().get("freeBytes")).isPositive();
    }
}
