package org.fillwatch.camera;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The sampling load as Micrometer meters (when a registry is present, as with Actuator):
 * {@code fillwatch.cameras.stretch} (1 = intervals as configured), {@code fillwatch.cameras.lag.p99}
 * (seconds, last window), {@code fillwatch.cameras.samples}, {@code fillwatch.cameras.shed} (samples shed under overload),
 * {@code fillwatch.cameras.queued} and {@code fillwatch.cameras.in-flight} (bounded queues' fill).
 */
@Component
class SamplingMetrics {

    SamplingMetrics(CameraSampler sampler, ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry == null) {
            return;
        }
        SamplingLoad load = sampler.load();
        Gauge.builder("fillwatch.cameras.stretch", load, l -> l.report().stretch())
                .description("factor on every camera's sampling interval; above 1 under overload").register(registry);
        Gauge.builder("fillwatch.cameras.lag.p99", load, l -> l.report().lagP99Ms() / 1000.0).baseUnit("seconds")
                .description("99th percentile of the sampling lag (due to picture in vision), last window")
                .register(registry);
        FunctionCounter.builder("fillwatch.cameras.samples", load, l -> l.report().samples())
                .description("samples handed to vision since start (as of the last window)").register(registry);
        FunctionCounter.builder("fillwatch.cameras.shed", load, l -> l.report().shed())
                .description("samples shed because the workers' queue or the in-flight limit was full")
                .register(registry);
        Gauge.builder("fillwatch.cameras.queued", sampler, CameraSampler::queued)
                .description("samples waiting for a sampling worker").register(registry);
        Gauge.builder("fillwatch.cameras.in-flight", sampler, CameraSampler::requestsInFlight)
                .description("snapshot requests waiting for their answer").register(registry);
    }
}
