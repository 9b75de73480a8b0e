package org.fillwatch.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Benchmark 4, decoding: frames per second of FillWatch's own path for stream cameras (the
 * service's {@link Grabbers#open} with its options, {@code grabImage}, {@link Grabbers#deliver} to
 * an 8-bit BGR Mat) against Debian's {@code ffmpeg -f null -} decoding the same H.264 file, one
 * decoding thread each and FFmpeg's default threads each. The file is the demo clip re-encoded by
 * ffmpeg (libx264, 1280x720, 25 fps, GOP 50, looped to 1,200 frames).
 *
 * <pre>scripts/bench.sh decode [--repeat 3]</pre>
 */
public final class DecodeBench {

    private static final Pattern FRAME = Pattern.compile("frame=\\s*(\\d+)");
    private static final Pattern RTIME = Pattern.compile("rtime=([0-9.]+)s");

    private DecodeBench() {
    }

    public static void main(String[] args) throws Exception {
        int repeat = args.length >= 2 && args[0].equals("--repeat") ? Integer.parseInt(args[1]) : 3;
        Path clip = Path.of("target/bench/decode-h264-1280x720.mp4");
        if (!Files.exists(clip)) {
            Files.createDirectories(clip.getParent());
            exec(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-r", "25", "-stream_loop", "4",
                    "-i", "camera-config/demo/clips/ptr-001.avi", "-vf", "scale=1280:720", "-c:v", "libx264",
                    "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", "-an", clip.toString()));
        }
        System.out.printf("H.264 1280x720 file %s (%d kB); best of %d runs; load average %s%n", clip,
                Files.size(clip) / 1024, repeat, loadAverage());
        for (String threads : new String[] {"1", "auto"}) {
            double ours = 0, theirs = 0;
            for (int r = 0; r < repeat; r++) {
                ours = Math.max(ours, fillwatchFps(clip, threads));
                theirs = Math.max(theirs, ffmpegFps(clip, threads));
            }
            System.out.printf(Locale.ROOT, "DECODE threads=%s: FillWatch JavaCV decode+BGR %.0f fps, ffmpeg -f null %.0f fps,"
                    + " ratio %.2f (target >= 0.8); load average %s%n", threads, ours, theirs, ours / theirs, loadAverage());
        }
    }

    /** Every frame of the file through the service's grabber options and frame hand-over. */
    static double fillwatchFps(Path clip, String threads) throws Exception {
        long frames = 0;
        long t0 = System.nanoTime();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toString());
        grabber.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.COLOR);
        if (!threads.equals("auto")) {
            grabber.setVideoOption("threads", threads); // "auto": as the service opens streams, JavaCV's default
        }
        grabber.start();
        try {
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                Grabbers.deliver(frame, mat -> {
                    if (mat.channels() != 3) {
                        throw new IllegalStateException("not BGR");
                    }
                });
                frames++;
            }
        } finally {
            Grabbers.closeQuietly(grabber);
        }
        return frames / ((System.nanoTime() - t0) / 1e9);
    }

    static double ffmpegFps(Path clip, String threads) throws Exception {
        String out = exec(List.of("ffmpeg", "-hide_banner", "-benchmark", "-threads", threads.equals("auto") ? "0" : threads,
                "-i", clip.toString(), "-f", "null", "-"));
        Matcher f = FRAME.matcher(out);
        long frames = 0;
        while (f.find()) {
            frames = Long.parseLong(f.group(1));
        }
        Matcher t = RTIME.matcher(out);
        if (!t.find() || frames == 0) {
            throw new IllegalStateException("no benchmark figures from ffmpeg:\n" + out);
        }
        return frames / Double.parseDouble(t.group(1));
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            // a fresh machine has no ffmpeg until scripts/test.sh (or apt) installs it
            throw new IllegalStateException(command.get(0) + " is not on the PATH (Debian: apt-get install ffmpeg): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(Duration.ofMinutes(5).toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
        } catch (IOException e) {
            return "n/a";
        }
    }
}
