"""
PyTorch anchor for scripts/bench/training.ts (a benchmark, not a test).

Trains the bench's two models -- the MLP 784-64-10 (relu, softmax) and the CNN Conv2D 8 3x3 relu
-> MaxPool 2x2 -> Dense 10 softmax -- on the digits the TypeScript bench wrote, with Adam (lr and
batch size from the command line), the same epochs, each epoch's rows shuffled, on the CPU with
torch's intra-op threads set to --threads. Prints one JSON line per run on stdout:
  {"model": "mlp", "samples": 4000, "epochs": 2, "batch": 32, "threads": 2,
   "train_s": 0.21, "samples_per_s": 38000.0, "final_loss": 0.3, "torch": "1.13.1"}

With --repeat N each model trains N times from scratch and the fastest run is printed. The clock
covers the training loop only (no data loading or model build), as the TypeScript side's
'started' .. 'done' does; one warm-up batch runs before it starts.

Input file (--data): little-endian, a header of three uint32 (samples, feature length 784,
classes 10) then samples x 784 float32 features, then samples x 10 float32 one-hot labels.

  python3 scripts/bench/torch-anchor.py --data /tmp/d.bin --models mlp,cnn --epochs 2 --threads 2
"""
import argparse
import json
import struct
import sys
import time

import torch
from torch import nn


def load(path):
    with open(path, 'rb') as f:
        n, width, classes = struct.unpack('<3I', f.read(12))
        raw = f.read()
    values = torch.frombuffer(bytearray(raw), dtype=torch.float32)
    x = values[: n * width].reshape(n, width).clone()
    y = values[n * width: n * width + n * classes].reshape(n, classes).argmax(dim=1)
    return x, y


def build(model):
    if model == 'mlp':
        return nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    if model == 'cnn':
        return nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 13 * 13, 10))
    raise ValueError(f'unknown model {model}')


def run(model_name, x, y, epochs, batch, lr, seed):
    torch.manual_seed(seed)
    net = build(model_name)
    # softmax + categorical cross-entropy, as the tfjs models compute it
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    data = x.reshape(-1, 1, 28, 28) if model_name == 'cnn' else x
    n = data.shape[0]

    def step(xb, yb):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()
        return loss

    step(data[:batch], y[:batch])  # warm-up (allocator, kernel selection)
    loss = None
    t0 = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(n)
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            loss = step(data[idx], y[idx])
    seconds = time.perf_counter() - t0
    return {'model': model_name, 'samples': n, 'epochs': epochs, 'batch': batch, 'threads': torch.get_num_threads(),
            'train_s': seconds, 'samples_per_s': n * epochs / seconds, 'final_loss': float(loss), 'torch': torch.__version__}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--data', required=True)
    p.add_argument('--models', default='mlp,cnn')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--lr', type=float, default=0.001)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--samples', type=int, default=0, help='use only the first N digits (0: all)')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--repeat', type=int, default=1, help='runs per model; the fastest is printed')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    x, y = load(a.data)
    if a.samples > 0:
        x, y = x[:a.samples], y[:a.samples]
    for m in a.models.split(','):
        runs = [run(m.strip(), x, y, a.epochs, a.batch, a.lr, a.seed) for _ in range(max(1, a.repeat))]
        print(json.dumps(max(runs, key=lambda r: r['samples_per_s'])), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
