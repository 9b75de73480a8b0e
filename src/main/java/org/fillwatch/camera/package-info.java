/**
 * Camera: samples every pavilion's stream at its own interval (local files, HTTP MJPEG, HTTP JPEG
 * snapshots, RTSP) with one scheduler over a bounded worker pool, reconnects lost streams with
 * exponential backoff and keeps each camera's status. Each sampled frame is handed, on the worker
 * thread that took it, to the {@link org.fillwatch.camera.FrameHandler}, and released right after.
 * Publishes {@link org.fillwatch.camera.CameraWentOffline} and {@link org.fillwatch.camera.CameraCameBack}
 * when a camera's state changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Camera")
package org.fillwatch.camera;
