package org.fillwatch.vision.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What inference needs from a model folder's metadata.json: how crops are made and which file
 * holds the weights. The training command writes more (data, metrics) for people to read.
 *
 * @param name       the model name; the weights file is {@code <name>-0000.params}
 * @param inputSize  side of the square input crop in pixels
 * @param cropMargin how much the container polygon grows around its centre before cropping
 * @param weightsSha256 hex SHA-256 of the weights file, or null when not recorded
 */
public record ModelMetadata(String name, String version, int inputSize, double cropMargin, String weightsSha256) {

    public static final String FILE = "metadata.json";

    public String weightsFile() {
        return name + "-0000.params";
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("version", version);
        json.addProperty("inputSize", inputSize);
        json.addProperty("cropMargin", cropMargin);
        json.addProperty("normalisation", CropTensors.NORMALISATION);
        json.addProperty("weightsSha256", weightsSha256);
        return json;
    }

    /** Reads {@code dir/metadata.json}; every problem is reported with the file's path and the field. */
    public static ModelMetadata read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("model metadata missing: " + file.toAbsolutePath());
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new IllegalStateException("model metadata unreadable: " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        String name = text(json, "name", file);
        String version = text(json, "version", file);
        int size = (int) number(json, "inputSize", file);
        double margin = number(json, "cropMargin", file);
        if (size < 32 || size > 512) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field inputSize must be 32..512, got " + size);
        }
        if (margin < 0 || margin > 2) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field cropMargin must be 0..2, got " + margin);
        }
        String sha = json.has("weightsSha256") ? json.get("weightsSha256").getAsString() : null;
        return new ModelMetadata(name, version, size, margin, sha);
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text field, or an error naming the file and the field. */
    static String text(JsonObject json, String field, Path file) {
        if (!json.has(field) || !json.get(field).isJsonPrimitive()) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field " + field + " missing");
        }
        return json.get(field).getAsString();
    }

    private static double number(JsonObject json, String field, Path file) {
        try {
            return json.get(field).getAsDouble();
        } catch (RuntimeException e) {
            throw new IllegalStateException(file.toAbsolutePath() + ": field " + field + " missing or not a number");
        }
    }
}
