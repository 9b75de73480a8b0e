package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir Path dir;

    private Path stored(EvidenceStore store, String number, String moment, Duration age, int bytes) throws Exception {
        Path file = store.store(number, moment, NOW.minus(age), new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return file;
    }

    @Test
    void listsAndReadsPicturesAndRefusesNamesOutsideItsFolder() throws Exception {
        EvidenceStore store = new EvidenceStore(dir, Duration.ofDays(30), 1_000_000);
        stored(store, "2026-000001", "opened", Duration.ofHours(2), 10);
        stored(store, "2026-000001", "resolved", Duration.ofHours(1), 20);
        assertThat(store.list("2026-000001")).extracting(EvidenceFiles.EvidenceFile::name)
                .containsExactly("opened-20261125T100000Z.jpg", "resolved-20261125T110000Z.jpg");
        assertThat(store.list("2026-000001")).extracting(EvidenceFiles.EvidenceFile::bytes).containsExactly(10L, 20L);
        assertThat(store.read("2026-000001", "resolved-20261125T110000Z.jpg")).hasValueSatisfying(
                b -> assertThat(b).hasSize(20));
        assertThat(store.read("2026-000001", "nope.jpg")).isEmpty();
        assertThat(store.read("2026-000001", "../2026-000001/opened-20261125T100000Z.jpg")).isEmpty();
        assertThat(store.list("2026-999999")).isEmpty();
        assertThat(store.list("..")).isEmpty();
        assertThatThrownBy(() -> store.store("../x", "opened", NOW, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sweepDeletesPicturesOlderThanTheMaximumAge() throws Exception {
        EvidenceStore store = new EvidenceStore(dir, Duration.ofDays(30), 1_000_000);
        Path old = stored(store, "2026-000001", "opened", Duration.ofDays(31), 100);
        Path young = stored(store, "2026-000002", "opened", Duration.ofDays(29), 100);
        assertThat(store.sweep(NOW)).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(old.getParent()).as("an emptied incident folder goes too").doesNotExist();
        assertThat(young).exists();
        assertThat(store.sweep(NOW)).isZero();
    }

    @Test
    void sweepDeletesOldestFirstUntilAllFitTheMaximumSize() throws Exception {
        EvidenceStore store = new EvidenceStore(dir, Duration.ofDays(365), 249);
        Path a = stored(store, "2026-000001", "opened", Duration.ofHours(4), 100);
        Path b = stored(store, "2026-000001", "resolved", Duration.ofHours(3), 100);
        Path c = stored(store, "2026-000002", "opened", Duration.ofHours(2), 100);
        Path d = stored(store, "2026-000002", "resolved", Duration.ofHours(1), 50);
        // 350 bytes over 249: dropping the oldest leaves 250, still over; dropping the next leaves 150
        assertThat(store.sweep(NOW)).isEqualTo(2);
        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(c).exists();
        assertThat(d).exists();
    }
}
