package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark 3's plumbing, not its figures: the exported frames run through FillWatch's path, and
 * the Python reference pipeline rebuilds the network from the exported parameters so that its
 * TorchScript model computes FillWatch's logits on the same input tensors. Skipped without
 * Debian's python3-torch and python3-opencv.
 */
class PythonReferenceTest {

    @TempDir
    Path tmp;

    @Test
    void pythonPipelineComputesWhatFillWatchComputes() throws Exception {
        assumeTrue(Files.isExecutable(TorchScriptModelTest.PYTHON) && new ProcessBuilder(
                TorchScriptModelTest.PYTHON.toString(), "-c", "import torch, cv2").start().waitFor() == 0,
                "Debian's python3-torch and python3-opencv are not installed");
        assertThat(ExportPythonReferenceCommand.main(new String[] {"--out", tmp.toString(), "--frames", "2",
                "--check", "6"})).isZero();
        assertThat(BenchFrames.read(tmp).frames()).hasSize(2)
                .allSatisfy(f -> assertThat(f.polygons()).hasSizeBetween(3, 4));

        String fillwatch = captured(() -> BenchPipelineCommand.main(new String[] {"--frames", tmp.toString(),
                "--seconds", "0.5"}));
        assertThat(fillwatch).containsPattern("fillwatch: [0-9.]+ frames/s");

        Process p = new ProcessBuilder(TorchScriptModelTest.PYTHON.toString(), "bench/reference_pipeline.py",
                "--frames", tmp.toString(), "--seconds", "0.5").redirectErrorStream(true).start();
        String python = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(python).isZero();
        assertThat(number(python, "max abs logit difference ([0-9.e+-]+)")).as(python).isLessThan(1e-3);
        // OpenCV 4.6 (Debian) and 4.13 (JavaCPP) warp within a few grey levels of each other
        assertThat(number(python, "pixels max abs difference ([0-9]+)")).as(python).isLessThanOrEqualTo(16);
        assertThat(python).containsPattern("python: [0-9.]+ frames/s");
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @FunctionalInterface
    interface Command {
        int run() throws Exception;
    }

    private static String captured(Command command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(command.run()).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
