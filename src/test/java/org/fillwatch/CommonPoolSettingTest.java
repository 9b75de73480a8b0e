package org.fillwatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommonPoolSettingTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(FillWatchApplication.COMMON_POOL_PARALLELISM);
        System.clearProperty(FillWatchApplication.COMMON_POOL_PARALLELISM);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(FillWatchApplication.COMMON_POOL_PARALLELISM);
        } else {
            System.setProperty(FillWatchApplication.COMMON_POOL_PARALLELISM, saved);
        }
    }

    @Test
    void smallMachinesGetTwoCommonPoolThreads() {
        FillWatchApplication.useCommonPoolForAsyncCompletions();
        String expected = Runtime.getRuntime().availableProcessors() <= 2 ? "2" : null;
        assertThat(System.getProperty(FillWatchApplication.COMMON_POOL_PARALLELISM)).isEqualTo(expected);
    }

    @Test
    void anExplicitSettingWins() {
        System.setProperty(FillWatchApplication.COMMON_POOL_PARALLELISM, "7");
        FillWatchApplication.useCommonPoolForAsyncCompletions();
        assertThat(System.getProperty(FillWatchApplication.COMMON_POOL_PARALLELISM)).isEqualTo("7");
    }
}
