package org.fillwatch.pavilion;

/**
 * A pavilion's file was changed while the service runs and read again: the camera module samples
 * with the new container polygons from the next frame on.
 */
public record PavilionChanged(Pavilion pavilion) {
}
