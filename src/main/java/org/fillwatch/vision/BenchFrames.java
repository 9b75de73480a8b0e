package org.fillwatch.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fillwatch.pavilion.ContainerSpec.Point;

/**
 * The frame set that FillWatch and the Python reference pipeline both run: JPEG files and
 * {@code frames.txt}, one line per frame, {@code file;x,y x,y x,y x,y;x,y ...}: the file name,
 * then one group of normalised polygon corners per container (clockwise from top-left).
 */
record BenchFrames(Path dir, List<Frame> frames) {

    static final String INDEX = "frames.txt";

    record Frame(String file, List<List<Point>> polygons) {
    }

    static BenchFrames read(Path dir) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException("--frames: no " + INDEX + " in " + dir + " (make it with export-python-reference)");
        }
        List<Frame> frames = new ArrayList<>();
        List<String> lines = Files.readAllLines(index);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(";");
            List<List<Point>> polygons = new ArrayList<>();
            try {
                for (int i = 1; i < parts.length; i++) {
                    List<Point> polygon = new ArrayList<>();
                    for (String corner : parts[i].trim().split(" ")) {
                        String[] xy = corner.split(",");
                        polygon.add(new Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
                    }
                    polygons.add(polygon);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(index + ":" + (n + 1) + ": polygon corners must be x,y numbers: " + e);
            }
            frames.add(new Frame(parts[0], polygons));
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(index + ": no frames");
        }
        return new BenchFrames(dir, frames);
    }

    static String line(String file, List<List<Point>> polygons) {
        StringBuilder s = new StringBuilder(file);
        for (List<Point> polygon : polygons) {
            s.append(';');
            for (int i = 0; i < polygon.size(); i++) {
                s.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.5f,%.5f", polygon.get(i).x(),
                        polygon.get(i).y()));
            }
        }
        return s.toString();
    }

    /** Every frame's JPEG bytes, read before timing so that neither pipeline measures the disk. */
    List<byte[]> jpegs() throws IOException {
        List<byte[]> all = new ArrayList<>();
        for (Frame f : frames) {
            all.add(Files.readAllBytes(dir.resolve(f.file())));
        }
        return all;
    }

    int crops() {
        return frames.stream().mapToInt(f -> f.polygons().size()).sum();
    }
}
