/**
 * Readings: turns each {@link org.fillwatch.vision.FrameAnalysed} into {@link
 * org.fillwatch.reading.FillReading}s (time, pavilion, container, fill, state, confidence, model
 * version), keeps the latest reading of every container and publishes {@link
 * org.fillwatch.reading.ReadingsRecorded} for storage and the incident rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Readings")
package org.fillwatch.reading;
