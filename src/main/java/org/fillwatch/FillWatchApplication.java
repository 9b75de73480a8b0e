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
        if (args.length > 0 && Commands.exists(args[0])) {
            System.exit(Commands.run(args));
        }
        SpringApplication.run(FillWatchApplication.class, args);
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
