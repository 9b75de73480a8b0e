#!/usr/bin/python3
"""Reference Python pipeline for benchmark 3 (docs/scaling.md, "FillWatch against Python").

Runs the frames that `export-python-reference` wrote through the usual Python stack: OpenCV
(python3-opencv) decodes each JPEG and cuts every container out with the same perspective warp as
FillWatch's ContainerCropper, and PyTorch (python3-torch) runs the fill-level network, rebuilt
from FillWatch's own parameters and exported as TorchScript, on all crops of a frame as one batch
(FillWatch's batch policy). Before timing it proves the TorchScript model computes what FillWatch
computes on the same input tensors (max abs difference of the logits), and how close its own crops
come to FillWatch's.

With --bfloat16 the network computes in bfloat16 between its float input and its float logits,
as FillWatch's fused program does on a CPU with native bfloat16 (fillwatch.vision.precision).

usage: /usr/bin/python3 bench/reference_pipeline.py --frames DIR [--seconds 20] [--workers 1] [--threads 1] [--plain] [--bfloat16]
"""
import argparse
import json
import math
import multiprocessing
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F

# MobileNetV2 1.0 (Sandler et al., table 2): expansion t, channels c, repeats n, first stride s
BOTTLENECKS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


class FoldedConv(torch.nn.Module):
    """Convolution with batch-norm folded into its bias, TensorFlow SAME padding (extra row/column
    bottom/right, as FillWatch's FoldedConv), optional relu6."""

    def __init__(self, weight, bias, stride, groups, relu6, size):
        super().__init__()
        out_ch, _, k, _ = weight.shape
        pad = max((math.ceil(size / stride) - 1) * stride + k - size, 0)
        self.symmetric = pad % 2 == 0
        self.pad = [pad // 2, pad - pad // 2, pad // 2, pad - pad // 2]
        self.conv = torch.nn.Conv2d(weight.shape[1] * groups, out_ch, k, stride,
                                    padding=pad // 2 if self.symmetric else 0, groups=groups, bias=True)
        self.conv.weight.data = torch.from_numpy(weight)
        self.conv.bias.data = torch.from_numpy(bias)
        self.relu6 = relu6
        self.out_size = math.ceil(size / stride)

    def forward(self, x):
        if not self.symmetric:
            x = F.pad(x, self.pad)
        y = self.conv(x)
        return torch.clamp(y, 0.0, 6.0) if self.relu6 else y


class Bottleneck(torch.nn.Module):
    def __init__(self, convs, residual):
        super().__init__()
        self.convs = torch.nn.Sequential(*convs)
        self.residual = residual

    def forward(self, x):
        y = self.convs(x)
        return x + y if self.residual else y


class FillLevelNet(torch.nn.Module):
    """Stem, 17 bottlenecks, the 1280-channel layer, global average pool, 7 head logits."""

    def __init__(self, params, size):
        super().__init__()
        it = iter(params)

        def conv(stride, groups, relu6, size):
            return FoldedConv(next(it), next(it), stride, groups, relu6, size)

        stem = conv(2, 1, True, size)
        size = stem.out_size
        blocks = []
        channels = 32
        for t, c, n, s in BOTTLENECKS:
            for i in range(n):
                stride = s if i == 0 else 1
                hidden = channels * t
                convs = [] if t == 1 else [conv(1, 1, True, size)]
                convs.append(conv(stride, hidden, True, size))
                size = convs[-1].out_size
                convs.append(conv(1, 1, False, size))
                blocks.append(Bottleneck(convs, stride == 1 and channels == c))
                channels = c
        head = conv(1, 1, True, size)
        self.features = torch.nn.Sequential(stem, *blocks, head)
        self.heads = torch.nn.Linear(1280, 7)
        self.heads.weight.data = torch.from_numpy(next(it))
        self.heads.bias.data = torch.from_numpy(next(it))
        left = list(it)
        if left:
            raise ValueError("weights.npz has %d parameter arrays more than the network" % len(left))

    def forward(self, x):
        return self.heads(self.features(x).mean(dim=(2, 3)))


class InBfloat16(torch.nn.Module):
    """The network's weights and activations in bfloat16; takes and returns float32 as FillWatch's program."""

    def __init__(self, net):
        super().__init__()
        self.net = net.to(torch.bfloat16)

    def forward(self, x):
        return self.net(x.to(torch.bfloat16)).float()


def read_frames(folder):
    frames = []
    with open(os.path.join(folder, "frames.txt")) as index:
        for line in index:
            parts = line.strip().split(";")
            if parts[0]:
                polygons = [[tuple(float(v) for v in corner.split(",")) for corner in group.split(" ")]
                            for group in parts[1:]]
                frames.append((parts[0], polygons))
    return frames


def whole_multiple(lo, hi, limit, k):
    """ContainerCropper.wholeMultiple: lo..hi clamped to 0..limit, widened to a multiple of k."""
    lo, hi = int(max(0, lo)), int(min(limit, hi))
    if hi - lo < k:
        return None
    missing = -(hi - lo) % k
    up = min(missing, limit - hi)
    hi += up
    lo -= min(missing - up, lo)
    hi -= (hi - lo) % k
    return lo, hi


def crop(image, polygon, size, margin):
    """FillWatch's ContainerCropper: polygon grown around its centre, warped onto the square; a
    polygon more than twice the crop size is first shrunk by a whole factor by area averaging."""
    cx = sum(p[0] for p in polygon) / 4
    cy = sum(p[1] for p in polygon) / 4
    h, w = image.shape[:2]
    src = np.array([[(cx + (x - cx) * (1 + margin)) * w - 0.5, (cy + (y - cy) * (1 + margin)) * h - 0.5]
                    for x, y in polygon], dtype=np.float32)
    scale = max(np.hypot(*(src[0] - src[1])), np.hypot(*(src[1] - src[2]))) / size
    if scale > 2:
        k = int(np.ceil(scale / 2))
        xs = whole_multiple(np.floor(src[:, 0].min()) - 2, np.ceil(src[:, 0].max()) + 3, w, k)
        ys = whole_multiple(np.floor(src[:, 1].min()) - 2, np.ceil(src[:, 1].max()) + 3, h, k)
        if xs and ys:
            image = cv2.resize(image[ys[0]:ys[1], xs[0]:xs[1]], ((xs[1] - xs[0]) // k, (ys[1] - ys[0]) // k),
                               interpolation=cv2.INTER_AREA)
            src = np.stack([(src[:, 0] - xs[0] + 0.5) / k - 0.5, (src[:, 1] - ys[0] + 0.5) / k - 0.5],
                           axis=1).astype(np.float32)
    lo, hi = -0.5, size - 0.5
    dst = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]], dtype=np.float32)
    transform = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(image, transform, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def tensors(crops):
    """RGB, (pixel - 128) / 128, NCHW: FillWatch's CropTensors."""
    batch = np.stack(crops)[:, :, :, ::-1].astype(np.float32)
    return torch.from_numpy(((batch - 128.0) / 128.0).transpose(0, 3, 1, 2).copy())


def decode(logits):
    """The translator's heads: fill and waste sigmoid, state softmax, present sigmoid."""
    return torch.sigmoid(logits[:, 0]), torch.softmax(logits[:, 1:5], dim=1), torch.sigmoid(logits[:, 5:7])


REDUCED = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4,
           8: cv2.IMREAD_REDUCED_COLOR_8}


def reduction(polygons, width, height, size, margin, min_width=640):
    """FillWatch's FrameAnalyzer.reduction: the most (8, 4, 2) a frame may be shrunk while it stays
    min_width wide and every grown polygon keeps at least size pixels along its shortest side."""
    def shortest_side(polygon, w, h):
        cx = sum(p[0] for p in polygon) / 4
        cy = sum(p[1] for p in polygon) / 4
        grown = [(cx + (x - cx) * (1 + margin), cy + (y - cy) * (1 + margin)) for x, y in polygon]
        return min(np.hypot((grown[i][0] - grown[(i + 1) % 4][0]) * w, (grown[i][1] - grown[(i + 1) % 4][1]) * h)
                   for i in range(4))
    for r in (8, 4, 2):
        if width // r >= min_width and all(shortest_side(p, width // r, height // r) >= size for p in polygons):
            return r
    return 1


def frame_estimates(model, jpeg, polygons, size, margin, stages, reduced=1):
    """One frame: decode, crop every container, one batch; adds each stage's seconds to stages."""
    t0 = time.perf_counter()
    image = cv2.imdecode(jpeg, REDUCED[reduced])
    t1 = time.perf_counter()
    crops = [crop(image, p, size, margin) for p in polygons]
    t2 = time.perf_counter()
    with torch.inference_mode():
        estimates = decode(model(tensors(crops)))
    stages[0] += t1 - t0
    stages[1] += t2 - t1
    stages[2] += time.perf_counter() - t2
    return estimates


def load_model(path, plain):
    model = torch.jit.load(path).eval()
    if not plain:
        # Debian's torch has generic BLAS: the loaded TorchScript runs the 1x1 convolutions through
        # _slow_conv2d (about 7x slower); freezing and optimize_for_inference move them to oneDNN
        # (done after loading: the optimised module cannot be saved)
        model = torch.jit.optimize_for_inference(torch.jit.freeze(model))
    return model


def decode_sizes(args, frames, jpegs, size, margin):
    """Per frame, how many times smaller it is decoded: as FillWatch's service does, or whole."""
    if args.decode == "whole":
        return [1] * len(jpegs)
    sizes = []
    for jpeg, (_, polygons) in zip(jpegs, frames):
        height, width = cv2.imdecode(jpeg, cv2.IMREAD_COLOR).shape[:2]
        sizes.append(reduction(polygons, width, height, size, margin))
    return sizes


def worker(args, size, margin, index, barrier, results):
    """One pipeline process: its own model, every workers-th frame, timed between two barriers."""
    torch.set_num_threads(args.threads)
    model = load_model(os.path.join(args.frames, "fill-level-reference.pt"), args.plain)
    frames = read_frames(args.frames)
    jpegs = [np.fromfile(os.path.join(args.frames, name), dtype=np.uint8) for name, _ in frames]
    reductions = decode_sizes(args, frames, jpegs, size, margin)
    warm_end = time.perf_counter() + min(2.0, args.seconds)
    k = index
    while time.perf_counter() < warm_end:
        frame_estimates(model, jpegs[k % len(jpegs)], frames[k % len(frames)][1], size, margin, [0, 0, 0],
                        reductions[k % len(jpegs)])
        k += args.workers
    barrier.wait()
    stages = [0.0, 0.0, 0.0]
    crops = done = 0
    k = index
    end = time.perf_counter() + args.seconds
    while time.perf_counter() < end:
        frame_estimates(model, jpegs[k % len(jpegs)], frames[k % len(frames)][1], size, margin, stages,
                        reductions[k % len(jpegs)])
        crops += len(frames[k % len(frames)][1])
        done += 1
        k += args.workers
    results.put((done, crops, stages))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", required=True)
    parser.add_argument("--model", default="models/fill-level")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1, help="pipeline processes (FillWatch: sampling workers)")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads per process")
    parser.add_argument("--plain", action="store_true", help="TorchScript as traced, without freeze/optimize_for_inference")
    parser.add_argument("--bfloat16", action="store_true", help="the network in bfloat16 (float input and logits)")
    parser.add_argument("--decode", choices=["service", "whole"], default="service",
                        help="JPEG decoded as small as FillWatch's service takes it (its rule), or whole")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    with open(os.path.join(args.model, "metadata.json")) as f:
        meta = json.load(f)
    size, margin = meta["inputSize"], meta["cropMargin"]

    weights = np.load(os.path.join(args.frames, "weights.npz"))
    params = [weights["p%03d" % i] for i in range(len(weights.files))]
    net = FillLevelNet(params, size).eval()
    if args.bfloat16:
        net = InBfloat16(net).eval()
    example = torch.zeros(4, 3, size, size)
    with torch.no_grad():
        scripted = torch.jit.trace(net, example)
    path = os.path.join(args.frames, "fill-level-reference.pt")
    scripted.save(path)
    model = load_model(path, args.plain)

    check = np.load(os.path.join(args.frames, "check.npz"))
    with torch.inference_mode():
        same_input = model(torch.from_numpy(check["input"]))
    diff = (same_input - torch.from_numpy(check["logits"])).abs().max().item()
    frames = read_frames(args.frames)
    own = []
    for name, polygons in frames:
        image = cv2.imread(os.path.join(args.frames, name))
        own.extend(crop(image, p, size, margin) for p in polygons)
        if len(own) >= len(check["crops"]):
            break
    own = np.stack(own[:len(check["crops"])])
    pixel = np.abs(own.astype(np.int16) - check["crops"].astype(np.int16))
    with torch.inference_mode():
        own_logits = model(tensors(list(own)))
    own_diff = (own_logits - torch.from_numpy(check["logits"])).abs().max().item()
    print("check: %d crops; TorchScript on FillWatch's input tensors: max abs logit difference %.2e; "
          "Python's own crops: pixels max abs difference %d, mean %.3f; their logits max abs difference %.3f"
          % (len(check["crops"]), diff, pixel.max(), pixel.mean(), own_diff), flush=True)
    # bfloat16 moves the logits of real crops by up to about 0.2; a wrong network is off by whole units
    if diff > (0.5 if args.bfloat16 else 1e-3):
        print("the rebuilt network does not match FillWatch's (difference %.3g)" % diff, file=sys.stderr)
        return 1

    # fresh processes (spawn), not forks of one whose OpenMP runtime already started
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(args.workers + 1)
    results = context.Queue()
    processes = [context.Process(target=worker, args=(args, size, margin, w, barrier, results))
                 for w in range(args.workers)]
    for p in processes:
        p.start()
    barrier.wait()
    start = time.perf_counter()
    outcomes = [results.get() for _ in processes]
    elapsed = time.perf_counter() - start
    for p in processes:
        p.join()
    done = sum(o[0] for o in outcomes)
    crops = sum(o[1] for o in outcomes)
    stages = [sum(o[2][i] for o in outcomes) for i in range(3)]
    print("python: %.2f frames/s (%d frames, %.2f crops per frame, %.1f s; per frame %.1f ms decode, %.1f ms crops, "
          "%.1f ms model; %d process(es), torch %s with %d thread(s) each, OpenCV %s, TorchScript%s)"
          % (done / elapsed, done, crops / done, elapsed, 1000 * stages[0] / done, 1000 * stages[1] / done,
             1000 * stages[2] / done, args.workers, torch.__version__, args.threads, cv2.__version__,
             (" as traced" if args.plain else ", frozen, optimize_for_inference")
             + (", bfloat16" if args.bfloat16 else "") + ", decode " + args.decode))
    return 0


if __name__ == "__main__":
    sys.exit(main())
