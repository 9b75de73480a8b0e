package org.fillwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the service, or runs one of the command-line tools of the same jar ({@code train},
 * {@code render-demo}, ...) when the first argument names one.
 */
@SpringBootApplication
public class FillWatchApplication {

    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        useCommonPoolForAsyncCompletions();
        oneTorchThreadPerCall();
        if (args.length > 0 && Commands.exists(args[0])) {
            System.exit(Commands.run(args));
        }
        SpringApplication.run(FillWatchApplication.class, args);
    }

    static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";
    static final String TORCH_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    /**
     * libtorch starts an OpenMP team of one thread per core for every network call, but the
     * service already runs one call per predictor on every core (fillwatch.vision.predictors): two
     * teams of two threads on a 2-core machine spin-wait on each other and a crop cost 2x what it
     * costs alone (docs/performance.md, "One torch thread per call"). DJL reads these properties
     * when its engine starts, so they are set before anything loads a model; an explicit setting wins.
     */
    static void oneTorchThreadPerCall() {
        for (String property : new String[] {TORCH_THREADS, TORCH_INTEROP_THREADS}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "1");
            }
        }
    }

    /**
     * On a 2-core machine the common pool's parallelism is 1, and CompletableFuture then runs every
     * "async" completion without an executor on a new thread of its own. The JDK's HttpClient does
     * that once per {@code sendAsync} answer, so each camera snapshot started a thread: 2,780 threads
     * in a 5-minute capacity run at 2,500 cameras (JFR). With parallelism 2 those completions run on
     * the common pool. Must happen before anything touches ForkJoinPool; an explicit setting wins.
     */
    static void useCommonPoolForAsyncCompletions() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }
}
