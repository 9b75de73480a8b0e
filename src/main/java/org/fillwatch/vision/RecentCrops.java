package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A bounded in-memory store of the last few crops of each container (JPEG, about 5-10 kB each at
 * the model's input size). Several per container, so an operator who labels the crop they were
 * shown still finds it after the next frame came in. The least recently updated containers are
 * dropped beyond {@code max-containers}; nothing is written to disk.
 */
@Component
class RecentCrops implements ContainerCrops {

    private final int perContainer;
    private final Map<String, Deque<ContainerCrop>> crops;

    RecentCrops(@Value("${fillwatch.vision.crops.per-container:4}") int perContainer,
                @Value("${fillwatch.vision.crops.max-containers:2000}") int maxContainers) {
        if (perContainer < 1 || maxContainers < 1) {
            throw new IllegalArgumentException("fillwatch.vision.crops.per-container and max-containers must be at least 1");
        }
        this.perContainer = perContainer;
        this.crops = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<ContainerCrop>> eldest) {
                return size() > maxContainers;
            }
        };
    }

    /** Encodes and keeps one crop; the Mat stays the caller's. */
    void put(String pavilionId, String containerId, Instant capturedAt, Mat crop) {
        byte[] jpeg = jpeg(crop);
        synchronized (crops) {
            Deque<ContainerCrop> recent = crops.computeIfAbsent(key(pavilionId, containerId), k -> new ArrayDeque<>());
            recent.addFirst(new ContainerCrop(pavilionId, containerId, capturedAt, jpeg));
            while (recent.size() > perContainer) {
                recent.removeLast();
            }
        }
    }

    @Override
    public Optional<ContainerCrop> latest(String pavilionId, String containerId) {
        synchronized (crops) {
            Deque<ContainerCrop> recent = crops.get(key(pavilionId, containerId));
            return recent == null ? Optional.empty() : Optional.ofNullable(recent.peekFirst());
        }
    }

    @Override
    public Optional<ContainerCrop> at(String pavilionId, String containerId, Instant capturedAt) {
        synchronized (crops) {
            Deque<ContainerCrop> recent = crops.get(key(pavilionId, containerId));
            return recent == null ? Optional.empty()
                    : recent.stream().filter(c -> c.capturedAt().equals(capturedAt)).findFirst();
        }
    }

    private static String key(String pavilionId, String containerId) {
        return pavilionId + "/" + containerId;
    }

    static byte[] jpeg(Mat crop) {
        try (BytePointer buffer = new BytePointer(); IntPointer quality = new IntPointer(IMWRITE_JPEG_QUALITY, 92)) {
            if (!opencv_imgcodecs.imencode(".jpg", crop, buffer, quality)) {
                throw new IllegalStateException("JPEG encoding of a crop failed");
            }
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }
}
