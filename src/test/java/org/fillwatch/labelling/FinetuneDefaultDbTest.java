package org.fillwatch.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** {@code finetune --site} without {@code --db-url} reads the database the service writes by default. */
class FinetuneDefaultDbTest {

    @Test
    void defaultDatabaseIsTheServicesOwn() throws Exception {
        Object url = new YamlPropertySourceLoader().load("shipped", new ClassPathResource("application.yml")).get(0)
                .getProperty("spring.datasource.url");
        assertThat(url).hasToString(FinetuneCommand.DEFAULT_DB);
    }
}
