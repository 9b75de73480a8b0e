package org.fillwatch.vision;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the C heap's free memory back to the kernel every {@code fillwatch.vision.native-trim-interval}.
 * The allocator setting ({@link NativeAllocator}) keeps freed memory so that libtorch does not refault
 * its activations after every batch, but nothing ever returned it: at 3,500 cameras the process
 * grew to 1.8-2.2 GiB resident, most of it free chunks of decoded frames and batches kept in
 * glibc's arenas. One {@code malloc_trim} a while costs milliseconds and the page faults of the next
 * batch; the process also publishes its resident size as {@code fillwatch.process.resident}.
 */
@Component
class NativeMemoryTrim {

    private static final Logger log = LoggerFactory.getLogger(NativeMemoryTrim.class);
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    NativeMemoryTrim(ObjectProvider<MeterRegistry> meters) {
        meters.ifAvailable(registry -> Gauge.builder("fillwatch.process.resident", Pointer::physicalBytes)
                .description("Resident memory of the whole process (Java heap, native libraries, C heap)")
                .baseUnit("bytes").register(registry));
    }

    @Scheduled(initialDelayString = "${fillwatch.vision.native-trim-interval:30s}",
               fixedDelayString = "${fillwatch.vision.native-trim-interval:30s}")
    void trimScheduled() {
        trim();
    }

    /** Returns the C heap's free pages; the bytes of resident memory that went back (0 where there is no malloc_trim). */
    static long trim() {
        if (!LINUX) {
            return 0;
        }
        long before = Pointer.physicalBytes();
        Pointer.trimMemory();
        long after = Pointer.physicalBytes();
        log.debug("native memory trimmed: {} MiB returned, {} MiB resident", Math.max(0, before - after) >> 20, after >> 20);
        return Math.max(0, before - after);
    }
}
