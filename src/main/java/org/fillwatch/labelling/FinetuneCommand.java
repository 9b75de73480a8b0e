package org.fillwatch.labelling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.vision.training.FineTuneCommand;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code finetune --site PAVILION --out MODEL_DIR [--db-url URL] [--db-user U] [--db-password P]
 * [finetune options]}: exports the site's operator labels from the service's database into a
 * temporary class-folder set and fine-tunes on it; {@code finetune --data DIR ...} goes straight to
 * {@link FineTuneCommand}. The default database is the service's default H2 file, which only one
 * process may open: stop the service first, or export over HTTP and use --data.
 */
public final class FinetuneCommand {

    static final String DEFAULT_DB = "jdbc:h2:file:./data/fillwatch;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";

    private FinetuneCommand() {
    }

    public static int main(String[] args) throws Exception {
        String site = null;
        String url = DEFAULT_DB;
        String user = "sa";
        String password = "";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--site" -> site = required(args[i], value);
                case "--db-url" -> url = required(args[i], value);
                case "--db-user" -> user = required(args[i], value);
                case "--db-password" -> password = value == null ? "" : value;
                default -> {
                    rest.add(args[i]);
                    continue;
                }
            }
            i++;
        }
        if (site == null) {
            return FineTuneCommand.main(rest.toArray(String[]::new));
        }
        if (rest.contains("--data")) {
            throw new IllegalArgumentException("give either --site or --data, not both");
        }
        List<OperatorLabel> labels = new LabelStore(new DriverManagerDataSource(url, user, password)).list(site);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("--site: no operator labels of pavilion '" + site + "' in " + url);
        }
        Path data = Files.createTempDirectory("fillwatch-labels-" + site);
        try {
            LabelArchive.toFolder(labels, data);
            System.err.printf("%d labels of %s exported to %s%n", labels.size(), site, data);
            rest.add("--data");
            rest.add(data.toString());
            return FineTuneCommand.main(rest.toArray(String[]::new));
        } finally {
            try (var files = Files.walk(data)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return value;
    }
}
