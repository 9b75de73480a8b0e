package org.fillwatch.pavilion;

/**
 * When a container counts as full and when as emptied again.
 *
 * @param fullPercent      fill at or above which a reading counts as a breach
 * @param emptiedPercent   fill at or below which a reading counts as emptied
 * @param consecutive      how many agreeing readings it takes to change the container's state
 */
public record Thresholds(double fullPercent, double emptiedPercent, int consecutive) {

    public static final Thresholds DEFAULT = new Thresholds(80, 30, 3);
}
