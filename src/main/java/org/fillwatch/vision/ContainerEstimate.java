package org.fillwatch.vision;

/**
 * The model's reading of one container crop.
 *
 * @param fillPercent   0..100
 * @param confidence    0..1, the probability of the chosen state
 * @param wasteAround   0..1, probability that waste lies around the container
 */
public record ContainerEstimate(
        String containerId, double fillPercent, FillState state, double confidence, double wasteAround) {
}
