package org.fillwatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JVM-wide settings main() makes before anything starts, where none was given. */
class StartupSettingsTest {

    private static final String[] PROPERTIES = {FillWatchApplication.COMMON_POOL_PARALLELISM,
        FillWatchApplication.TORCH_THREADS, FillWatchApplication.TORCH_INTEROP_THREADS};
    private final String[] saved = new String[PROPERTIES.length];

    @BeforeEach
    void save() {
        for (int i = 0; i < PROPERTIES.length; i++) {
            saved[i] = System.getProperty(PROPERTIES[i]);
            System.clearProperty(PROPERTIES[i]);
        }
    }

    @AfterEach
    void restore() {
        for (int i = 0; i < PROPERTIES.length; i++) {
            if (saved[i] == null) {
                System.clearProperty(PROPERTIES[i]);
            } else {
                System.setProperty(PROPERTIES[i], saved[i]);
            }
        }
    }

    @Test
    void smallMachinesGetTwoCommonPoolThreads() {
        FillWatchApplication.useCommonPoolForAsyncCompletions();
        String expected = Runtime.getRuntime().availableProcessors() <= 2 ? "2" : null;
        assertThat(System.getProperty(FillWatchApplication.COMMON_POOL_PARALLELISM)).isEqualTo(expected);
    }

    @Test
    void anExplicitPoolSettingWins() {
        System.setProperty(FillWatchApplication.COMMON_POOL_PARALLELISM, "7");
        FillWatchApplication.useCommonPoolForAsyncCompletions();
        assertThat(System.getProperty(FillWatchApplication.COMMON_POOL_PARALLELISM)).isEqualTo("7");
    }

    @Test
    void libtorchRunsEachCallOnItsCallersThread() {
        FillWatchApplication.oneTorchThreadPerCall();
        assertThat(System.getProperty(FillWatchApplication.TORCH_THREADS)).isEqualTo("1");
        assertThat(System.getProperty(FillWatchApplication.TORCH_INTEROP_THREADS)).isEqualTo("1");
    }

    @Test
    void anExplicitTorchSettingWins() {
        System.setProperty(FillWatchApplication.TORCH_THREADS, "4");
        FillWatchApplication.oneTorchThreadPerCall();
        assertThat(System.getProperty(FillWatchApplication.TORCH_THREADS)).isEqualTo("4");
        assertThat(System.getProperty(FillWatchApplication.TORCH_INTEROP_THREADS)).isEqualTo("1");
    }
}
