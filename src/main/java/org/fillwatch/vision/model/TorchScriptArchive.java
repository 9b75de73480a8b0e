package org.fillwatch.vision.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript module file (the zip that libtorch's {@code torch::jit::load} reads) for one
 * class whose attributes are lists of float tensors: the class's TorchScript source, the module
 * object pickled (protocol 2, as libtorch's unpickler expects it) and one record per tensor. Only
 * what {@link FusedProgram} needs; libtorch compiles the source when it loads the file.
 */
final class TorchScriptArchive {

    /** A float tensor: its shape and its values in row-major order. */
    record Tensor(long[] shape, float[] values) {
    }

    private static final String ROOT = "model/";
    /** The oldest file format whose source the libtorch importer reads without operator upgraders. */
    private static final String FORMAT_VERSION = "3\n";

    private final String className;
    private final String source;
    private final Map<String, List<Tensor>> lists = new LinkedHashMap<>();

    /** @param source the class's TorchScript source, {@code class <className>(Module): ...} */
    TorchScriptArchive(String className, String source) {
        this.className = className;
        this.source = source;
    }

    /** A {@code List[Tensor]} attribute; the source must declare it. */
    TorchScriptArchive tensorList(String name, List<Tensor> tensors) {
        lists.put(name, tensors);
        return this;
    }

    void write(Path file) throws IOException {
        List<Tensor> storages = new ArrayList<>();
        byte[] data = modulePickle(storages);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "data.pkl", data);
            stored(zip, "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, "constants.pkl", new Pickle().emptyTuple().stop());
            stored(zip, "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < storages.size(); i++) {
                stored(zip, "data/" + i, littleEndian(storages.get(i).values()));
            }
        }
    }

    private byte[] modulePickle(List<Tensor> storages) {
        Pickle p = new Pickle().global("__torch__", className).emptyTuple().newObject().emptyDict().mark();
        p.string("training").bool(false);
        for (Map.Entry<String, List<Tensor>> list : lists.entrySet()) {
            p.string(list.getKey()).global("torch.jit._pickle", "build_tensorlist").mark().emptyList().mark();
            for (Tensor t : list.getValue()) {
                tensor(p, t, storages.size());
                storages.add(t);
            }
            p.appends().tuple().reduce();
        }
        return p.setItems().build().stop();
    }

    /** torch._utils._rebuild_tensor_v2(storage, offset 0, size, contiguous stride, no grad, no hooks). */
    private static void tensor(Pickle p, Tensor t, int key) {
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().string("storage").global("torch", "FloatStorage").string(Integer.toString(key)).string("cpu")
                .integer(t.values().length).tuple().persistentId();
        p.integer(0);
        p.mark();
        for (long d : t.shape()) {
            p.integer(d);
        }
        p.tuple().mark();
        long stride = 1;
        long[] strides = new long[t.shape().length];
        for (int i = strides.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= t.shape()[i];
        }
        for (long s : strides) {
            p.integer(s);
        }
        p.tuple().bool(false).global("collections", "OrderedDict").emptyTuple().reduce();
        p.tuple().reduce();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** Uncompressed, as PyTorch writes them, so that libtorch can read each record in place. */
    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(ROOT + name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The few pickle opcodes (protocol 2) a module of tensor lists takes. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            out.write(0x80);
            out.write(2);
        }

        Pickle global(String module, String name) {
            out.write('c');
            ascii(module + "\n" + name + "\n");
            return this;
        }

        Pickle string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            int32(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        Pickle integer(long v) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor dimension out of int range: " + v);
            }
            out.write('J');
            int32((int) v);
            return this;
        }

        Pickle bool(boolean b) {
            out.write(b ? 0x88 : 0x89);
            return this;
        }

        Pickle mark() {
            return op('(');
        }

        Pickle tuple() {
            return op('t');
        }

        Pickle emptyTuple() {
            return op(')');
        }

        Pickle emptyList() {
            return op(']');
        }

        Pickle emptyDict() {
            return op('}');
        }

        Pickle appends() {
            return op('e');
        }

        Pickle setItems() {
            return op('u');
        }

        Pickle reduce() {
            return op('R');
        }

        Pickle newObject() {
            return op(0x81);
        }

        Pickle persistentId() {
            return op('Q');
        }

        Pickle build() {
            return op('b');
        }

        byte[] stop() {
            out.write('.');
            return out.toByteArray();
        }

        private Pickle op(int code) {
            out.write(code);
            return this;
        }

        private void ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }

        private void int32(int v) {
            out.write(v & 0xff);
            out.write((v >>> 8) & 0xff);
            out.write((v >>> 16) & 0xff);
            out.write((v >>> 24) & 0xff);
        }
    }
}
