package org.fillwatch.labelling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Labels in the class-folder layout ({@code full/ptr-001_c2_20261125T101500.000Z.jpg}), as a zip or a folder. */
final class LabelArchive {

    private LabelArchive() {
    }

    static byte[] zip(List<OperatorLabel> labels) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String label : OperatorLabel.LABELS) {
                zip.putNextEntry(new ZipEntry(label + "/"));
                zip.closeEntry();
            }
            for (OperatorLabel l : labels) {
                zip.putNextEntry(new ZipEntry(l.fileName()));
                zip.write(l.jpeg());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the labels under {@code dir}; returns how many. */
    static int toFolder(List<OperatorLabel> labels, Path dir) throws IOException {
        for (String label : OperatorLabel.LABELS) {
            Files.createDirectories(dir.resolve(label));
        }
        for (OperatorLabel l : labels) {
            Files.write(dir.resolve(l.fileName()), l.jpeg());
        }
        return labels.size();
    }
}
