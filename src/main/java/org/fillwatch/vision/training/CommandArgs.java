package org.fillwatch.vision.training;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} arguments of the training and benchmark commands. Every problem is an
 * IllegalArgumentException naming the option, so the command line gets one clear line.
 */
public final class CommandArgs {

    private final Map<String, String> values = new HashMap<>();

    private CommandArgs() {
    }

    public static CommandArgs parse(String[] args, Set<String> known, Set<String> required, String usage) {
        CommandArgs parsed = new CommandArgs();
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "\nusage: " + usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            parsed.values.put(args[i], args[++i]);
        }
        for (String name : required) {
            if (!parsed.values.containsKey(name)) {
                throw new IllegalArgumentException("missing " + name + "\nusage: " + usage);
            }
        }
        return parsed;
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + v);
        }
    }

    public double decimal(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + v);
        }
    }
}
