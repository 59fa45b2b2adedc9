#!/usr/bin/python3
"""Trains the safety head: a small network over the committed encoder's token states of a whole message.

Run by the trainer (`dotnet run --project src/CoachService.Training -- safety-head`), which writes the states and
their index first (SafetyHeadData.cs). Needs Debian's python3-torch and libopenblas0-pthread.

The head reads every token's state h (384): z = GELU(W1 h + b1) (HIDDEN values a token), pools z over the
message's tokens by maximum and by mean, and maps the two pooled vectors to five logits (none, threat, self_harm,
abuse, control). The maximum lets one dangerous phrase among ordinary sentences decide; the mean reads the whole.

With --folds, out-of-fold probabilities for every message (each from a head that never saw that message's fold),
for the safety trainer's cross-validation; with --final, the head trained on every message, as JSON.
"""
import argparse, json, math, random, sys, time

import numpy as np
import torch
import torch.nn.functional as F

DIM = 384


class Head(torch.nn.Module):
    def __init__(self, hidden, classes):
        super().__init__()
        self.token = torch.nn.Linear(DIM, hidden)
        self.out = torch.nn.Linear(2 * hidden, classes)

    def forward(self, states, mask):
        z = F.gelu(self.token(states), approximate="tanh")                      # batch x tokens x hidden
        m = mask.unsqueeze(-1)
        highest = z.masked_fill(m == 0, -1e4).max(dim=1).values
        mean = (z * m).sum(dim=1) / m.sum(dim=1).clamp(min=1)
        return self.out(torch.cat([highest, mean], dim=-1))


def load(work):
    index = [json.loads(line) for line in open(f"{work}/index.jsonl")]
    total = sum(e["Tokens"] for e in index)
    states = np.memmap(f"{work}/states.f16", dtype=np.float16, mode="r", shape=(total, DIM))
    return index, states


def batches(items, states, size, shuffle, rng):
    order = list(range(len(items)))
    if shuffle:
        rng.shuffle(order)
        # Messages of similar length together, in shuffled groups, so little of each batch is padding.
        chunks = [order[i:i + size * 20] for i in range(0, len(order), size * 20)]
        order = [i for c in chunks for i in sorted(c, key=lambda k: items[k]["Tokens"])]
    else:
        order = sorted(order, key=lambda k: items[k]["Tokens"])
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    for g in groups:
        longest = max(items[k]["Tokens"] for k in g)
        x = np.zeros((len(g), longest, DIM), dtype=np.float32)
        mask = np.zeros((len(g), longest), dtype=np.float32)
        for row, k in enumerate(g):
            e = items[k]
            x[row, :e["Tokens"]] = states[e["Offset"]:e["Offset"] + e["Tokens"]]
            mask[row, :e["Tokens"]] = 1
        yield g, torch.from_numpy(x), torch.from_numpy(mask)


def train(items, states, args, seed):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    head = Head(args.hidden, args.classes)
    optimiser = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    labels = torch.tensor([e["Label"] for e in items])
    weights = torch.tensor([args.everyday_weight if e["Everyday"] else 1.0 for e in items])
    steps = args.epochs * math.ceil(len(items) / args.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    for epoch in range(args.epochs):
        head.train()
        total, seen = 0.0, 0
        for g, x, mask in batches(items, states, args.batch, True, rng):
            x = F.dropout(x, args.dropout, training=True)
            logits = head(x, mask)
            idx = torch.tensor(g)
            loss = (F.cross_entropy(logits, labels[idx], reduction="none") * weights[idx]).sum() / weights[idx].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(g)
            seen += len(g)
        print(f"  epoch {epoch + 1}: loss {total / seen:.4f}", flush=True)
    return head


def predict(head, items, states, batch):
    head.eval()
    probs = [None] * len(items)
    with torch.no_grad():
        for g, x, mask in batches(items, states, batch, False, None):
            p = torch.softmax(head(x, mask), dim=-1).numpy()
            for row, k in enumerate(g):
                probs[k] = p[row]
    return probs


def danger_recall(items, probs, budget=0.05):
    """Head alone, on the safety files: the danger recall at the P(none) threshold that puts at most `budget` of their everyday messages at danger."""
    safety = [(e, p) for e, p in zip(items, probs) if not e["Everyday"]]
    everyday = sorted(float(p[0]) for e, p in safety if e["Level"] == "none")
    danger = [float(p[0]) for e, p in safety if e["Level"] == "danger"]
    threshold = everyday[int(budget * len(everyday))]
    return threshold, sum(n < threshold for n in danger) / len(danger)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--folds", type=int, default=0)
    parser.add_argument("--oof")
    parser.add_argument("--final")
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--everyday-weight", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--encoder-version", default="")
    parser.add_argument("--classes", dest="class_names", default="none,threat,self_harm,abuse,control")
    args = parser.parse_args()
    torch.set_num_threads(2)
    items, states = load(args.work)
    args.classes = 1 + max(e["Label"] for e in items)
    print(f"safety head: {len(items)} messages, {sum(e['Tokens'] for e in items)} tokens, {args.classes} classes", flush=True)
    started = time.time()
    if args.folds:
        probs = [None] * len(items)
        for fold in range(args.folds):
            train_items = [e for e in items if e["Fold"] != fold]
            held = [i for i, e in enumerate(items) if e["Fold"] == fold]
            print(f"fold {fold + 1} of {args.folds}: {len(train_items)} to learn from, {len(held)} held out", flush=True)
            head = train(train_items, states, args, args.seed + fold)
            for i, p in zip(held, predict(head, [items[i] for i in held], states, 256)):
                probs[i] = p
        threshold, recall = danger_recall(items, probs)
        print(f"out of fold, head alone: danger recall {recall:.3f} at P(none) < {threshold:.3f} (5% of the safety files' everyday messages at danger)", flush=True)
        with open(args.oof, "w") as f:
            for e, p in zip(items, probs):
                f.write(json.dumps({"id": e["Id"], "everyday": e["Everyday"], "probabilities": [round(float(v), 6) for v in p]}) + "\n")
    if args.final:
        head = train(items, states, args, args.seed)
        tensors = {
            "token.weight": head.token.weight.detach().numpy(), "token.bias": head.token.bias.detach().numpy(),
            "out.weight": head.out.weight.detach().numpy(), "out.bias": head.out.bias.detach().numpy(),
        }
        with open(args.final, "w") as f:
            json.dump({
                "encoderVersion": args.encoder_version,
                "classes": args.class_names.split(","),
                "hidden": args.hidden,
                "tensors": {k: {"shape": list(v.shape), "values": [round(float(x), 7) for x in v.reshape(-1)]} for k, v in tensors.items()},
            }, f)
        # A few messages' probabilities, for the trainer's check that the service computes what torch does.
        reference = list(range(min(3, len(items))))
        with open(f"{args.work}/reference.json", "w") as f:
            json.dump([{"index": k, "probabilities": [float(v) for v in p]} for k, p in zip(reference, predict(head, [items[k] for k in reference], states, 8))], f)
        print(f"wrote {args.final}", flush=True)
    print(f"safety head: {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
