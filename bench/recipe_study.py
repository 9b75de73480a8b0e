#!/usr/bin/env python3
"""Seed-averaged study of training recipes on the real-photo (CDCM clean/dirty) task.

Why: one Java training run takes 20-45 min on this machine's CPU and the spread between training
seeds on the 206 held-out photos is about 0.04, so single runs cannot tell recipes apart. This
script repeats the real-photo branch of `train` (MobileNetV2 from ../shared/pretrained, the first
N bottlenecks frozen, a linear waste-around head, Adam with cosine decay to lr/20, batch 16, random
80-100 % windows, mirror, colour, blur and noise) in PyTorch, so that many seeds of many recipes
run in minutes on a GPU (it also runs on CPU, slowly). It does not render synthetic crops: it
answers what the real photos allow, not what the shipped model is. Nothing it writes is a model.

  prepare: python3 bench/recipe_study.py prepare --cdcm ../shared/data/cdcm-train \
               --pretrained ../shared/pretrained --metadata models/fill-level/metadata.json --out DIR
           (area-shrinks every photo to 288x288, as `train` shrinks the whole photo to its square
            crop, and takes the held-out split from the shipped model's metadata)
  sweep:   python3 bench/recipe_study.py sweep --data DIR --out results.jsonl [--workers 12]
               [--seeds 1,2,3,4,5] [--only NAME,...]
  summary: python3 bench/recipe_study.py summary results.jsonl [--data DIR]
Needs torch, torchvision and OpenCV (the GPU image has them; Debian: python3-torch,
python3-torchvision, python3-opencv).
"""
import argparse, collections, glob, json, math, os, shutil, statistics, sys, time

FROZEN_CONVS = {0: 0, 4: 12, 8: 24, 17: 52}  # bottlenecks frozen -> convolutions frozen (stem, 2, then 3 per block)
CLASSIFIER_CONV = 52                         # ImageNet classifier in the traced file: never used
PREPARED_SIZE = 288


def prepare(a):
    import cv2
    val = json.load(open(a.metadata))['training']['cdcm']['validationFiles']
    for cls in ('clean', 'dirty'):
        os.makedirs(f'{a.out}/cdcm/{cls}', exist_ok=True)
        for p in sorted(glob.glob(f'{a.cdcm}/{cls}/*.jpg')):
            im = cv2.resize(cv2.imread(p), (PREPARED_SIZE, PREPARED_SIZE), interpolation=cv2.INTER_AREA)
            cv2.imwrite(f'{a.out}/cdcm/{cls}/{os.path.basename(p)}', im, [cv2.IMWRITE_JPEG_QUALITY, 87])
    json.dump(val, open(f'{a.out}/val.json', 'w'))
    shutil.copy(f'{a.pretrained}/mobilenet_v2_features_ts.pt', a.out)
    print(f'prepared {a.out}: {len(val)} held-out photos')


def recipes(max_steps=None):
    base = dict(size=112, frozen=4, lr=3e-4, batch=16, epochs=10, repeat=3)

    def c(**kw):
        d = dict(base, **kw)
        d['max_steps'] = max_steps  # a smoke test's cut; None: the whole schedule
        return d
    return {
        's112_f4': c(),                                    # the shipped recipe's real-photo branch
        's160_f4': c(size=160),
        's224_f4': c(size=224),
        's288_f4': c(size=288),
        's112_f0': c(frozen=0),                            # every bottleneck trained
        's224_f0': c(size=224, frozen=0),
        's112_head': c(frozen=17, lr=1e-3),                # frozen features, linear head only
        's112_f4_e30': c(epochs=30),
        's224_f4_e30': c(size=224, epochs=30),
        's112_from224': c(distill=0.5, teacher=c(size=224)),  # student at 112 taught by a 224 model
    }


def sweep(a):
    import torch
    import torch.multiprocessing as mp
    dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    all_recipes = recipes(a.max_steps)
    names = a.only.split(',') if a.only else list(all_recipes)
    unknown = [n for n in names if n not in all_recipes]
    if unknown:
        sys.exit(f'--only: unknown recipe(s) {unknown}; known: {sorted(all_recipes)}')
    # seed-major order, so that a run cut short still holds every recipe's first seeds
    jobs = [{'name': n, 'cfg': all_recipes[n], 'seed': int(s)} for s in a.seeds.split(',') for n in names]
    print(f'{len(jobs)} jobs on {dev}', flush=True)
    if a.workers == 1:
        _worker(0, jobs, 1, a, dev)
    else:
        mp.spawn(_worker, args=(jobs, a.workers, a, dev), nprocs=a.workers, join=True)


def _worker(rank, jobs, nworkers, a, dev):
    import torch
    torch.backends.cudnn.benchmark = True
    data = _load(a.data)
    for i, job in enumerate(jobs):
        if i % nworkers == rank:
            res = _run(job, data, a.data, dev)
            with open(a.out, 'a') as f:
                f.write(json.dumps(res) + '\n')
            print(json.dumps(res), flush=True)


def _load(root):
    import cv2, numpy as np, torch
    val = set(json.load(open(f'{root}/val.json')))
    imgs, labels, held = [], [], []
    for cls, lab in (('clean', 0), ('dirty', 1)):
        for p in sorted(glob.glob(f'{root}/cdcm/{cls}/*.jpg')):
            imgs.append(cv2.imread(p)[:, :, ::-1].copy())
            labels.append(lab)
            held.append(f'{cls}/{os.path.basename(p)}' in val)
    x = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).contiguous()
    return x, torch.tensor(labels, dtype=torch.float32), torch.tensor(held)


def _net(root, frozen):
    import torch, torch.nn as nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.f = torch.jit.load(f'{root}/mobilenet_v2_features_ts.pt', map_location='cpu')
            self.head = nn.Linear(1280, 1)
            convs = {int(n.split('.')[2]) for n, _ in self.f.named_parameters()}
            if convs != set(range(CLASSIFIER_CONV + 1)):  # FROZEN_CONVS counts on MobileNetV2's 53 convolutions
                raise SystemExit(f'{root}/mobilenet_v2_features_ts.pt: expected convolutions 0..{CLASSIFIER_CONV}, '
                                 f'found {len(convs)}')
            for n, p in self.f.named_parameters():
                conv = int(n.split('.')[2])  # n.convs.K.weight
                p.requires_grad_(FROZEN_CONVS[frozen] <= conv < CLASSIFIER_CONV)

        def forward(self, x):
            return self.head(self.f(x)).squeeze(1)
    return Net()


def _augment(xb, size, gen, dev):
    import torch, torch.nn.functional as F
    from torchvision.ops import roi_align
    n, _, h, w = xb.shape
    r = lambda *s: torch.rand(*s, generator=gen, device=dev)
    fw, fh = 0.8 + 0.2 * r(n), 0.8 + 0.2 * r(n)
    x0, y0 = r(n) * (1 - fw) * w, r(n) * (1 - fh) * h
    boxes = torch.stack([torch.arange(n, device=dev, dtype=torch.float32), x0, y0, x0 + fw * w, y0 + fh * h], 1)
    # adaptive sampling averages over each output pixel's window: an area shrink, as in `train`
    out = roi_align(xb.float(), boxes, output_size=size, spatial_scale=1.0, sampling_ratio=-1, aligned=True)
    out = torch.where((r(n) < 0.5)[:, None, None, None], out.flip(3), out)
    bright, contrast, cast = 0.7 + 0.6 * r(n, 1, 1, 1), 0.7 + 0.6 * r(n, 1, 1, 1), 0.9 + 0.2 * r(n, 3, 1, 1)
    mean = out.mean(dim=(1, 2, 3), keepdim=True)
    out = ((out - mean) * contrast + mean) * bright * cast
    grey = out.mean(1, keepdim=True)
    out = grey + (out - grey) * (0.6 + 0.8 * r(n, 1, 1, 1))
    k = torch.tensor([1., 2., 1.], device=dev)
    k = (k[:, None] * k[None, :]) / 16
    blurred = F.conv2d(F.pad(out, (1, 1, 1, 1), mode='replicate'), k.expand(3, 1, 3, 3), groups=3)
    out = torch.where((r(n) < 0.2)[:, None, None, None], blurred, out)
    out = out + torch.randn(out.shape, generator=gen, device=dev) * (5 * r(n, 1, 1, 1))
    return (out.clamp(0, 255) - 128) / 128


def _scores(model, x, y, size, dev):
    import torch, torch.nn.functional as F
    model.eval()
    with torch.no_grad():
        p = torch.cat([torch.sigmoid(model((F.interpolate(x[i:i + 64].to(dev).float(), size=(size, size),
                                                          mode='bilinear', antialias=True) - 128) / 128))
                       for i in range(0, len(x), 64)])
    model.train()
    return ((p.cpu() >= 0.5).float() == y).float().mean().item(), p.cpu()


def _train(cfg, seed, data, root, dev, teacher=None):
    import torch, torch.nn.functional as F
    x, y, held = data
    xt, yt = x[~held].to(dev), y[~held].to(dev)
    torch.manual_seed(seed)
    gen = torch.Generator(device=dev)
    gen.manual_seed(seed)
    model = _net(root, cfg['frozen']).to(dev)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=cfg['lr'])
    steps = cfg['epochs'] * cfg['repeat'] * len(xt) // cfg['batch']
    steps = min(steps, cfg['max_steps'] or steps)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.05 + 0.475 * (1 + math.cos(math.pi * s / steps)))
    for _ in range(steps):
        idx = torch.randint(0, len(xt), (cfg['batch'],), generator=gen, device=dev)
        state = gen.get_state()
        logits = model(_augment(xt[idx], cfg['size'], gen, dev))
        loss = F.binary_cross_entropy_with_logits(logits, yt[idx])
        if teacher is not None:
            gen.set_state(state)  # the teacher sees the same window, colours and noise at its own size
            with torch.no_grad():
                soft = torch.sigmoid(teacher(_augment(xt[idx], teacher.size, gen, dev)))
            loss = (1 - cfg['distill']) * loss + cfg['distill'] * F.binary_cross_entropy_with_logits(logits, soft)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
    return model


def _run(job, data, root, dev):
    cfg, seed, t0 = job['cfg'], job['seed'], time.time()
    teacher = None
    if cfg.get('teacher'):
        teacher = _train(cfg['teacher'], seed, data, root, dev)
        teacher.size = cfg['teacher']['size']
        teacher.eval()
    model = _train(cfg, seed, data, root, dev, teacher)
    x, y, held = data
    res = {'name': job['name'], 'seed': seed, 'minutes': round((time.time() - t0) / 60, 2)}
    for s in sorted({cfg['size'], 112, 144, 160, 224}):
        acc, p = _scores(model, x[held], y[held], s, dev)
        res[f'acc@{s}'] = round(acc, 4)
        if s == cfg['size']:
            res['p'] = [round(v, 4) for v in p.tolist()]  # for the seeds' ensemble in `summary`
    if teacher is not None:
        res['teacher_acc'] = round(_scores(teacher, x[held], y[held], teacher.size, dev)[0], 4)
    return res


def summary(a):
    runs = collections.defaultdict(list)
    for path in a.results:
        for line in open(path):
            r = json.loads(line)
            runs[r['name']].append(r)
    sizes = {n: c['size'] for n, c in recipes().items()}
    truth = _held_out_labels(a.data) if a.data else None
    print('| recipe | input | seeds | mean | sd | min | max | ensemble of the seeds |\n|---|---|---|---|---|---|---|---|')
    for name, rs in runs.items():
        acc = [r[f'acc@{sizes[name]}'] for r in rs]
        sd = statistics.stdev(acc) if len(acc) > 1 else float('nan')
        ens = '-'
        if truth is not None and all('p' in r for r in rs):
            mean_p = [statistics.mean(ps) for ps in zip(*(r['p'] for r in rs))]
            ens = f'{statistics.mean(float((p >= 0.5) == t) for p, t in zip(mean_p, truth)):.3f}'
        print(f'| {name} | {sizes[name]} | {len(acc)} | {statistics.mean(acc):.3f} | {sd:.3f} | {min(acc):.3f} | {max(acc):.3f} | {ens} |')


def _held_out_labels(root):
    val = set(json.load(open(f'{root}/val.json')))
    # the order _load gives the held-out photos: clean then dirty, each sorted by name
    return [lab for cls, lab in (('clean', 0), ('dirty', 1))
            for p in sorted(glob.glob(f'{root}/cdcm/{cls}/*.jpg')) if f'{cls}/{os.path.basename(p)}' in val]


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('prepare')
    for opt in ('--cdcm', '--pretrained', '--metadata', '--out'):
        p.add_argument(opt, required=True)
    s = sub.add_parser('sweep')
    s.add_argument('--data', required=True)
    s.add_argument('--out', required=True)
    s.add_argument('--workers', type=int, default=8)
    s.add_argument('--seeds', default='1,2,3,4,5')
    s.add_argument('--max-steps', type=int, help='stop each training after this many steps (smoke tests)')
    s.add_argument('--only', default='')
    m = sub.add_parser('summary')
    m.add_argument('results', nargs='+')
    m.add_argument('--data', help='the prepared folder: adds the accuracy of the seeds\' averaged probabilities')
    a = ap.parse_args()
    {'prepare': prepare, 'sweep': sweep, 'summary': summary}[a.cmd](a)
