package org.fillwatch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The command-line tools shipped in the service's jar. They run without starting Spring. */
final class Commands {

    /** A tool: gets the arguments after its name, returns the process exit code. */
    @FunctionalInterface
    interface Command {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        // one line per tool: COMMANDS.put("name", SomeCommand::main);
        COMMANDS.put("render-demo", org.fillwatch.scene.RenderDemoCommand::main);
        COMMANDS.put("train", org.fillwatch.vision.training.TrainCommand::main);
        COMMANDS.put("evaluate", org.fillwatch.vision.EvaluateCommand::main);
        COMMANDS.put("export-eval-set", org.fillwatch.vision.ExportEvalSetCommand::main);
        COMMANDS.put("finetune", org.fillwatch.labelling.FinetuneCommand::main);
        COMMANDS.put("bench-inference", org.fillwatch.vision.BenchInferenceCommand::main);
        COMMANDS.put("export-python-reference", org.fillwatch.vision.ExportPythonReferenceCommand::main);
        COMMANDS.put("bench-pipeline", org.fillwatch.vision.BenchPipelineCommand::main);
        COMMANDS.put("calibrate-int8", org.fillwatch.vision.CalibrateInt8Command::main);
    }

    private Commands() {
    }

    static boolean exists(String name) {
        return COMMANDS.containsKey(name);
    }

    static int run(String[] args) {
        CliLogging.toStandardError();
        try {
            return COMMANDS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println(args[0] + " failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }
}
