package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fillwatch.vision.model.ModelMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherTest {

    private static void metadataListing(Path dir, String... held) throws Exception {
        StringBuilder files = new StringBuilder();
        for (String f : held) {
            files.append(files.isEmpty() ? "" : ", ").append('"').append(f).append('"');
        }
        Files.writeString(dir.resolve(ModelMetadata.FILE),
                "{\"training\": {\"cdcm\": {\"validationFiles\": [" + files + "]}}}");
    }

    @Test
    void aTeacherMustHaveHeldOutTheStudentsPhotos(@TempDir Path dir) throws Exception {
        List<String> students = List.of("clean/a.jpg", "dirty/b.jpg");
        metadataListing(dir, "dirty/b.jpg", "clean/a.jpg");
        assertThatCode(() -> Teacher.checkHeldOut(dir, students)).doesNotThrowAnyException();

        // trained with another split: it has seen dirty/b.jpg, whose label would leak to the student
        metadataListing(dir, "clean/a.jpg", "clean/c.jpg");
        assertThatThrownBy(() -> Teacher.checkHeldOut(dir, students))
                .hasMessageContaining("training.cdcm.validationFiles").hasMessageContaining(dir.toString());

        Files.writeString(dir.resolve(ModelMetadata.FILE), "{\"name\": \"no training section\"}");
        assertThatThrownBy(() -> Teacher.checkHeldOut(dir, students)).hasMessageContaining("lists 0 photos");
    }
}
