package org.fillwatch.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.fillwatch.vision.ExportEvalSetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code finetune --site}: the site's labels are read from the service's database, and only that site's. */
class SiteFinetuneTest {

    @Test
    void fineTunesFromTheLabelsTableOfOneSite(@TempDir Path tmp) throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        Path crops = tmp.resolve("crops");
        ExportEvalSetCommand.main(new String[] {"--out", crops.toString(), "--count", "24", "--size", "128", "--seed", "99"});
        LabelStore store = new LabelStore(dataSource);
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        int n = 0;
        for (String label : OperatorLabel.LABELS) {
            List<Path> files;
            try (Stream<Path> list = Files.list(crops.resolve(label))) {
                files = list.sorted().toList();
            }
            for (Path f : files) {
                store.save("site-a", "c1", t.plusSeconds(60L * n++), label, Files.readAllBytes(f), Instant.now());
            }
        }
        store.save("site-b", "c1", t, "full", Files.readAllBytes(crops.resolve("fill.csv")), Instant.now());

        Path out = tmp.resolve("model-site-a");
        assertThat(FinetuneCommand.main(new String[] {"--site", "site-a", "--db-url", url, "--out", out.toString(),
            "--model", "models/fill-level", "--epochs", "1"})).isZero();
        var tune = JsonParser.parseString(Files.readString(out.resolve("metadata.json"))).getAsJsonObject()
                .getAsJsonObject("finetune");
        // 24 labels of site-a; site-b's (not even a picture) would have failed the run
        assertThat(tune.get("trainImages").getAsInt() + tune.getAsJsonArray("heldBackFiles").size()).isEqualTo(24);
        assertThat(tune.getAsJsonArray("heldBackFiles").get(0).getAsString()).contains("site-a_c1_");

        assertThatThrownBy(() -> FinetuneCommand.main(new String[] {"--site", "site-c", "--db-url", url, "--out",
            tmp.resolve("x").toString()})).hasMessageContaining("site-c").hasMessageContaining("no operator labels");
    }
}
