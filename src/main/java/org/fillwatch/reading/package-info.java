/**
 * Readings: turns each {@link org.fillwatch.vision.FrameAnalysed} into {@link
 * org.fillwatch.reading.FillReading}s (time, pavilion, container, fill, state, confidence, model
 * version), keeps the latest reading of every container and publishes {@link
 * org.fillwatch.reading.ReadingsRecorded} for storage and the incident rules. Tracks cameras that are
 * offline or tampered ({@link org.fillwatch.reading.CameraBlindness}, {@link
 * org.fillwatch.reading.ContainersUnknown}): their containers' state is unknown.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Readings")
package org.fillwatch.reading;
