package org.fillwatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fillwatch.vision.model.HeadOutputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bring your own model: a TorchScript file written by Debian's torch (python3-torch, run with
 * /usr/bin/python3) that follows the documented contract loads through FillModel and its
 * outputs become ContainerEstimates exactly as the contract says. Skipped without that torch.
 */
class TorchScriptModelTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Logits = mean(R, G, B) of the normalised crop times W plus B: easy to recompute here. */
    static final double[][] W = {{2, 1, 0, -1, 0.5, 1, 3}, {-1, 0, 2, 1, -0.5, 0, 1}, {0.5, -2, 1, 0, 1, -1, 2}};
    static final double[] B = {0.1, 0, 0.2, -0.3, 0.4, -0.2, 1.0};

    @TempDir
    static Path tmp;

    @BeforeAll
    static void needsTorch() throws Exception {
        boolean torch = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import torch").start().waitFor() == 0;
        assumeTrue(torch, "Debian's torch is not installed (apt-get install python3-torch; scripts/test.sh does)");
    }

    @Test
    void contractModelGivesTheExpectedEstimates() throws Exception {
        Path dir = modelFolder("byo", 7);
        try (FillModel model = new FillModel(dir, 0.0, 1)) {
            assertThat(model.version()).isEqualTo("byo-1");
            assertThat(model.cropper().size()).isEqualTo(64);
            List<CropInput> crops = new ArrayList<>();
            int[][] bgr = {{10, 200, 30}, {250, 20, 128}};
            try {
                for (int[] c : bgr) {
                    crops.add(new CropInput("c" + crops.size(), new Mat(64, 64, CV_8UC3, new Scalar(c[0], c[1], c[2], 0)), true));
                }
                List<ContainerEstimate> estimates = model.predict(crops);
                for (int i = 0; i < bgr.length; i++) {
                    double[] rgb = {(bgr[i][2] - 128) / 128.0, (bgr[i][1] - 128) / 128.0, (bgr[i][0] - 128) / 128.0};
                    float[] logits = new float[7];
                    for (int k = 0; k < 7; k++) {
                        logits[k] = (float) (B[k] + rgb[0] * W[0][k] + rgb[1] * W[1][k] + rgb[2] * W[2][k]);
                    }
                    HeadOutputs expected = HeadOutputs.decode(logits, 0);
                    ContainerEstimate e = estimates.get(i);
                    assertThat(e.fillPercent()).isCloseTo(100 * expected.fill(), within(1e-3));
                    assertThat(e.wasteAround()).isCloseTo(expected.wasteAround(), within(1e-4));
                    assertThat(e.confidence()).isCloseTo(expected.states()[expected.state()], within(1e-4));
                    // the first colour makes the present head say "no container": ABSENT, as the translator rules
                    assertThat(e.state()).isEqualTo(expected.present() < 0.5 ? FillState.ABSENT
                            : FillState.values()[expected.state()]);
                    assertThat(expected.present() < 0.5).isEqualTo(i == 0);
                }
            } finally {
                crops.forEach(c -> c.crop().close());
            }
            // evaluate goes the same way
            Path data = tmp.resolve("data");
            ExportEvalSetCommand.export(data, 6, 5, 96, null, false);
            assertThat(EvaluateCommand.evaluate(model, EvaluationSet.read(data)).n()).isEqualTo(6);
        }
    }

    @Test
    void aModelBreakingTheOutputContractNamesItsFile() throws Exception {
        Path dir = modelFolder("wrong", 5);
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1)).hasMessageContaining("model.pt")
                .hasMessageContaining("[N, 7]");
    }

    @Test
    void unknownFormatNamesTheField() throws Exception {
        Path dir = tmp.resolve("odd");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metadata.json"),
                "{\"name\":\"x\",\"version\":\"1\",\"inputSize\":64,\"cropMargin\":0.15,\"format\":\"onnx\"}");
        assertThatThrownBy(() -> new FillModel(dir, 0.5, 1)).hasMessageContaining("metadata.json")
                .hasMessageContaining("format");
    }

    /** A folder with metadata.json (format torchscript) and a model.pt of {@code outputs} logits. */
    private static Path modelFolder(String name, int outputs) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        String script = """
                import sys, torch
                W = torch.tensor(%s, dtype=torch.float32)[:, :%d]
                B = torch.tensor(%s, dtype=torch.float32)[:%d]
                class M(torch.nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.register_buffer("w", W)
                        self.register_buffer("b", B)
                    def forward(self, x):
                        return x.mean(dim=(2, 3)) @ self.w + self.b
                torch.jit.script(M()).save(sys.argv[1])
                """.formatted(matrix(), outputs, java.util.Arrays.toString(B), outputs);
        // torch.jit.script reads the class's source, so the script must be a file
        Path py = tmp.resolve(name + ".py");
        Files.writeString(py, script);
        Process p = new ProcessBuilder(PYTHON.toString(), py.toString(), dir.resolve("model.pt").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Files.writeString(dir.resolve("metadata.json"), """
                {"name": "%s", "version": "%s-1", "format": "torchscript", "inputSize": 64, "cropMargin": 0.15,
                 "normalisation": "RGB, x = (pixel - 128) / 128, NCHW"}
                """.formatted(name, name));
        return dir;
    }

    private static String matrix() {
        StringBuilder s = new StringBuilder("[");
        for (double[] row : W) {
            s.append(java.util.Arrays.toString(row)).append(',');
        }
        return s.append(']').toString();
    }
}
