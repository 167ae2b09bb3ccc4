"""PyTorch reference for `npm run bench`: the same architectures, batch size,
optimizer (Adam 0.001) and random data, on the CPU with a given number of
threads, timed the way the browser bench times WASM (untimed warm-up steps,
then timed steps). Reads one JSON request on stdin, writes one JSON line:

  in:  {"threads": 2, "batchSize": 32, "models": [{"model": "course-cnn", "document": {...}, "steps": 20, "warmupSteps": 2}]}
  out: {"torch": "1.13.0", "threads": 2, "runs": [{"model": "course-cnn", "samplesPerSec": 700.1, "steps": 20, "seconds": 0.9}]}

The document is the app's architecture document (a chain of layers); layers
follow Keras's semantics (padding 'same', BatchNormalization momentum and
epsilon, Dense after a channels-last Flatten: the order differs, the work
does not). softmax + categorical cross-entropy is CrossEntropyLoss on logits.
"""
import json
import sys
import time

import torch
from torch import nn


def activation(name):
    return {"relu": nn.ReLU(), "tanh": nn.Tanh(), "sigmoid": nn.Sigmoid(), "linear": None, None: None, "softmax": None}[name]


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def build(document):
    """The document's chain of layers as an nn.Sequential (channels first)."""
    by_id = {n["id"]: n for n in document["nodes"]}
    next_of = {e["source"]: e["target"] for e in document["edges"]}
    node = next(n for n in document["nodes"] if n["type"] == "Input")
    h, w, c = node["params"]["shape"]
    layers = []
    flat = None
    while node["id"] in next_of:
        node = by_id[next_of[node["id"]]]
        p, t = node["params"], node["type"]
        if t == "Conv2D":
            k, s = pair(p["kernelSize"]), pair(p.get("strides", 1))
            same = p.get("padding", "valid") == "same"
            if same and s == (1, 1):
                layers.append(nn.Conv2d(c, p["filters"], k, s, padding="same", bias=p.get("useBias", True)))
                oh, ow = h, w
            else:
                layers.append(nn.Conv2d(c, p["filters"], k, s, padding=0, bias=p.get("useBias", True)))
                oh, ow = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
            h, w, c = oh, ow, p["filters"]
            a = activation(p.get("activation", "linear"))
            if a:
                layers.append(a)
        elif t in ("MaxPooling2D", "AveragePooling2D"):
            k = pair(p.get("poolSize", 2))
            s = pair(p.get("strides") or p.get("poolSize", 2))
            same = p.get("padding", "valid") == "same"
            cls = nn.MaxPool2d if t == "MaxPooling2D" else nn.AvgPool2d
            layers.append(cls(k, s, ceil_mode=same))
            if same:
                h, w = -(-h // s[0]), -(-w // s[1])
            else:
                h, w = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
        elif t == "BatchNormalization":
            layers.append(nn.BatchNorm2d(c, eps=p.get("epsilon", 1e-3), momentum=1 - p.get("momentum", 0.99)) if flat is None else nn.BatchNorm1d(flat, eps=p.get("epsilon", 1e-3), momentum=1 - p.get("momentum", 0.99)))
        elif t == "Dropout":
            layers.append(nn.Dropout(p.get("rate", 0.5)))
        elif t == "Flatten":
            layers.append(nn.Flatten())
            flat = h * w * c
        elif t == "Dense":
            layers.append(nn.Linear(flat, p["units"], bias=p.get("useBias", True)))
            flat = p["units"]
            a = activation(p.get("activation", "linear"))
            if a:
                layers.append(a)
        else:
            raise ValueError(f"{t} is not in the PyTorch reference")
    return nn.Sequential(*layers), flat


def run(plan, batch_size):
    torch.manual_seed(1)
    model, classes = build(plan["document"])
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    shape = plan["document"]["nodes"][0]["params"]["shape"]
    xs = torch.rand(batch_size, shape[2], shape[0], shape[1])
    ys = torch.arange(batch_size) % classes

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xs), ys)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(plan.get("warmupSteps", 2)):
        step()
    start = time.perf_counter()
    for _ in range(plan["steps"]):
        step()
    seconds = time.perf_counter() - start
    return {"model": plan["model"], "samplesPerSec": plan["steps"] * batch_size / seconds, "steps": plan["steps"], "seconds": seconds}


def main():
    request = json.load(sys.stdin)
    torch.set_num_threads(int(request["threads"]))
    runs = []
    for plan in request["models"]:
        try:
            runs.append(run(plan, int(request["batchSize"])))
        except Exception as e:  # one model that does not build does not hide the others
            runs.append({"model": plan["model"], "samplesPerSec": 0, "steps": 0, "seconds": 0, "error": str(e)})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "runs": runs}))


if __name__ == "__main__":
    main()
