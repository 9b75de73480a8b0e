package org.fillwatch.vision;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that glibc's allocator keeps freed native memory for reuse. libtorch allocates every
 * activation with malloc; with glibc's defaults a batch's tens of megabytes go back to the kernel
 * after each call (trim and mmap thresholds) and come back as fresh zeroed pages on the next one.
 * Measured on the 2-core machine: batch 16 took 17-54 ms per crop instead of 3.5-4.9 (docs/performance.md).
 * The setting must be in the environment before the JVM starts, so all this class can do is say so.
 */
final class NativeAllocator {

    /** What the pom, the Dockerfile and the scripts set. */
    static final String TUNABLES = "glibc.malloc.mmap_threshold=33554432"
            + ":glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864:glibc.malloc.arena_max=2";

    private static final Logger LOG = LoggerFactory.getLogger(NativeAllocator.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private NativeAllocator() {
    }

    /** A line for benchmark headers: what the process runs with. */
    static String describe() {
        String value = System.getenv("GLIBC_TUNABLES");
        return tuned(value) ? "GLIBC_TUNABLES=" + value : "GLIBC_TUNABLES not set (glibc defaults: slower, see docs/performance.md)";
    }

    /** Logs a warning once per process when the service runs on Linux without the setting. */
    static void warnIfUntuned() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && !tuned(System.getenv("GLIBC_TUNABLES")) && WARNED.compareAndSet(false, true)) {
            LOG.warn("GLIBC_TUNABLES has no glibc.malloc.trim_threshold: batched inference can run several times"
                    + " slower while the C heap is handed back and refaulted after every batch; start the JVM with"
                    + " GLIBC_TUNABLES={} (docs/performance.md, \"Native allocator\")", TUNABLES);
        }
    }

    static boolean tuned(String value) {
        return value != null && value.contains("glibc.malloc.trim_threshold");
    }
}
