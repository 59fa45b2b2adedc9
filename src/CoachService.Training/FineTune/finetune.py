#!/usr/bin/python3
"""Fine-tunes the top layers of the MiniLM encoder on the labelled messages, with four small heads.

Run by the trainer (`dotnet run --project src/CoachService.Training -- finetune`), which writes the tokenised
data and the base ONNX model first; see FineTuner.cs. Needs Debian's python3-torch, python3-onnx and
libopenblas0-pthread (without it torch falls back to the reference BLAS and is ~50x slower).

The encoder is a re-implementation of MiniLM-L6 (BERT) in torch whose weights come from the ONNX graph's
initialisers, checked against ONNX Runtime's token states before anything is trained. The lower layers stay
frozen, so their output is computed once and cached; only the top layers and the heads train.

Heads (all read the top layer's token states):
  blame    sentence: mean of the sentence's tokens -> 1 logit (does this sentence blame, in its message?); for a
           message labelled only as a whole (a blind panel draft, "message_blame"), its highest sentence logit
  category sentence -> 7 logits (blame sentences only)
  concern  sentence -> 15 logits (blame sentences only)
  cue      token -> 1 logit (is this token inside an annotated blame cue?)

Outputs: with --folds K, out-of-fold predictions and pooled features for every message (each from a model
that never saw that message's group), for the trainer's cross-validation; with --final, the fine-tuned
tensors in half precision, named as in the ONNX graph, plus the heads, and reference states for the C# check.
"""
import argparse, hashlib, json, math, random, struct, sys, time

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

HIDDEN, HEADS, LAYERS = 384, 12, 6
CLS, SEP = 101, 102
N_CATEGORY, N_CONCERN = 7, 15


def load_onnx_weights(path):
    """Initialisers by name; each MatMul weight (stored in x out) is renamed after the bias of the Add that follows it."""
    model = onnx.load(path)
    graph = model.graph
    init = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    weights, onnx_names = {}, {}
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in init:
            continue
        add = next(n for n in consumers[node.output[0]] if n.op_type == "Add")
        bias = next(i for i in add.input if i in init)
        name = bias[: -len("bias")] + "weight"
        weights[name] = init[node.input[1]]
        onnx_names[name] = node.input[1]
    for name, value in init.items():
        if not name[0].isdigit():
            weights[name] = value
            onnx_names[name] = name
    return weights, onnx_names


class Layer(torch.nn.Module):
    def __init__(self, w, i):
        super().__init__()
        p = f"encoder.layer.{i}."
        names = {
            "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
            "o": "attention.output.dense", "i": "intermediate.dense", "d": "output.dense",
        }
        self.onnx = {}
        for short, long in names.items():
            setattr(self, short + "_w", torch.nn.Parameter(torch.tensor(w[p + long + ".weight"])))
            setattr(self, short + "_b", torch.nn.Parameter(torch.tensor(w[p + long + ".bias"])))
            self.onnx[short + "_w"] = p + long + ".weight"
            self.onnx[short + "_b"] = p + long + ".bias"
        for short, long in {"ln1": "attention.output.LayerNorm", "ln2": "output.LayerNorm"}.items():
            setattr(self, short + "_g", torch.nn.Parameter(torch.tensor(w[p + long + ".weight"])))
            setattr(self, short + "_b", torch.nn.Parameter(torch.tensor(w[p + long + ".bias"])))
            self.onnx[short + "_g"] = p + long + ".weight"
            self.onnx[short + "_b"] = p + long + ".bias"

    def forward(self, x, bias):
        b, t, _ = x.shape
        def heads(y):
            return y.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        q = heads(x @ self.q_w + self.q_b)
        k = heads(x @ self.k_w + self.k_b)
        v = heads(x @ self.v_w + self.v_b)
        scores = q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + bias
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        a = F.layer_norm(ctx @ self.o_w + self.o_b + x, (HIDDEN,), self.ln1_g, self.ln1_b, 1e-12)
        h = a @ self.i_w + self.i_b
        h = 0.5 * h * (1.0 + torch.erf(h / math.sqrt(2.0)))
        return F.layer_norm(h @ self.d_w + self.d_b + a, (HIDDEN,), self.ln2_g, self.ln2_b, 1e-12)


class Encoder(torch.nn.Module):
    def __init__(self, w):
        super().__init__()
        self.word = torch.tensor(w["embeddings.word_embeddings.weight"])
        self.pos = torch.tensor(w["embeddings.position_embeddings.weight"])
        self.typ = torch.tensor(w["embeddings.token_type_embeddings.weight"])
        self.ln_g = torch.tensor(w["embeddings.LayerNorm.weight"])
        self.ln_b = torch.tensor(w["embeddings.LayerNorm.bias"])
        self.layers = torch.nn.ModuleList(Layer(w, i) for i in range(LAYERS))

    def embed(self, ids):
        t = ids.shape[1]
        x = self.word[ids] + self.pos[:t].unsqueeze(0) + self.typ[0]
        return F.layer_norm(x, (HIDDEN,), self.ln_g, self.ln_b, 1e-12)

    @staticmethod
    def attention_bias(mask):
        return ((1.0 - mask.float()) * -10000.0)[:, None, None, :]

    def run(self, x, mask, first, last):
        bias = self.attention_bias(mask)
        for layer in self.layers[first:last]:
            x = layer(x, bias)
        return x


class Heads(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.blame = torch.nn.Linear(HIDDEN, 1)
        self.category = torch.nn.Linear(HIDDEN, N_CATEGORY)
        self.concern = torch.nn.Linear(HIDDEN, N_CONCERN)
        self.cue = torch.nn.Linear(HIDDEN, 1)


def read_data(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    for r in rows:
        r["n_sent"] = len(r["blame"])
    return rows


def fold_of(group, folds):
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % folds


def pad_batch(rows):
    width = max(len(r["ids"]) for r in rows) + 2
    ids = torch.zeros(len(rows), width, dtype=torch.long)
    mask = torch.zeros(len(rows), width, dtype=torch.long)
    for b, r in enumerate(rows):
        n = len(r["ids"])
        ids[b, 0] = CLS
        ids[b, 1 : n + 1] = torch.tensor(r["ids"])
        ids[b, n + 1] = SEP
        mask[b, : n + 2] = 1
    return ids, mask


def batches(rows, size, shuffle, rng):
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["ids"]))
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(chunks)
    return chunks


def cache_lower(encoder, rows, split):
    """The frozen lower layers' output for every message, and the base model's message vector (the mean of its
    content tokens' states), which the fine-tuned model is asked to keep close to: retrieval and the safety
    check read that vector, and they should keep the meaning the base model gives it."""
    with torch.no_grad():
        for chunk in batches(rows, 64, False, None):
            part = [rows[i] for i in chunk]
            ids, mask = pad_batch(part)
            x = encoder.run(encoder.embed(ids), mask, 0, split)
            top = encoder.run(x, mask, split, LAYERS)
            for b, r in enumerate(part):
                n = len(r["ids"])
                r["lower"] = x[b, : n + 2].clone()
                r["base_vector"] = top[b, 1 : n + 1].mean(0).clone()
                # The frozen encoder's reading of each sentence in its message, for the trainer's comparison.
                sent = torch.tensor(r["sent"])
                r["frozen"] = [
                    [round(v, 3) for v in top[b, 1 : n + 1][(sent == s).nonzero().flatten()].mean(0).tolist()]
                    for s in range(r["n_sent"])]


def forward(encoder, heads, part, split):
    """The top layers over a batch, and each sentence's mean token state (one matmul with a pooling matrix)."""
    width = max(len(r["ids"]) for r in part) + 2
    x = torch.zeros(len(part), width, HIDDEN)
    mask = torch.zeros(len(part), width, dtype=torch.long)
    owners, rows_, cols = [], [], []
    for b, r in enumerate(part):
        n = len(r["ids"]) + 2
        x[b, :n] = r["lower"]
        mask[b, :n] = 1
        for t, s in enumerate(r["sent"]):
            rows_.append(len(owners) + s)
            cols.append(b * width + 1 + t)
        owners.extend((b, s) for s in range(r["n_sent"]))
    states = encoder.run(x, mask, split, LAYERS)
    pool = torch.zeros(len(owners), len(part) * width)
    pool[rows_, cols] = 1.0
    pool = pool / pool.sum(1, keepdim=True).clamp(min=1.0)
    pooled = pool @ states.reshape(-1, HIDDEN)
    return states, pooled, owners


def losses(heads, part, states, pooled, owners, anchor):
    blame = torch.tensor([part[b]["blame"][s] for b, s in owners], dtype=torch.float)
    cat = torch.tensor([part[b]["category"][s] for b, s in owners])
    con = torch.tensor([part[b]["concern"][s] for b, s in owners])
    logits = heads.blame(pooled).squeeze(-1)
    known = blame >= 0
    loss = F.binary_cross_entropy_with_logits(logits[known], blame[known]) if known.any() else logits.sum() * 0.0
    # A message known to blame as a whole, with no sentence labels (a blind panel draft): its most blaming sentence
    # should read as blame (multiple-instance learning: the message's logit is its highest sentence's).
    whole = [b for b in range(len(part)) if "message_blame" in part[b]]
    if whole:
        highest = torch.stack([logits[[j for j, (b2, _) in enumerate(owners) if b2 == b]].max() for b in whole])
        target = torch.tensor([float(part[b]["message_blame"]) for b in whole])
        loss = loss + F.binary_cross_entropy_with_logits(highest, target) * len(whole) / len(part)
    has_cat = cat >= 0
    if has_cat.any():
        loss = loss + 0.3 * F.cross_entropy(heads.category(pooled[has_cat]), cat[has_cat])
    has_con = con >= 0
    if has_con.any():
        loss = loss + 0.3 * F.cross_entropy(heads.concern(pooled[has_con]), con[has_con])
    width = states.shape[1]
    token_mask = torch.zeros(len(part), width, dtype=torch.bool)
    cue = torch.zeros(len(part), width)
    cue_mask = torch.zeros(len(part), width, dtype=torch.bool)
    for b, r in enumerate(part):
        n = len(r["ids"])
        token_mask[b, 1 : n + 1] = True
        cue_mask[b, 1 : n + 1] = r.get("cue_known", True)
        cue[b, 1 : n + 1] = torch.tensor(r["cue"], dtype=torch.float)
    cue_logits = heads.cue(states).squeeze(-1)
    if cue_mask.any():
        loss = loss + 0.5 * F.binary_cross_entropy_with_logits(cue_logits[cue_mask], cue[cue_mask])
    vectors = (states * token_mask.unsqueeze(-1)).sum(1) / token_mask.sum(1, keepdim=True)
    base = torch.stack([r["base_vector"] for r in part])
    loss = loss + anchor * (1.0 - F.cosine_similarity(vectors, base, dim=-1)).mean()
    return loss


def train(encoder, heads, rows, split, epochs, seed, log, anchor, encoder_lr):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    top = [p for layer in encoder.layers[split:] for p in layer.parameters()]
    optimiser = torch.optim.AdamW(
        [{"params": top, "lr": encoder_lr}, {"params": heads.parameters(), "lr": 1e-3}], weight_decay=0.01)
    steps = epochs * len(batches(rows, 32, False, None))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.0, 1.0 - step / max(1, steps)))
    for epoch in range(epochs):
        started, total, count = time.time(), 0.0, 0
        for chunk in batches(rows, 32, True, rng):
            part = [rows[i] for i in chunk]
            states, pooled, owners = forward(encoder, heads, part, split)
            loss = losses(heads, part, states, pooled, owners, anchor)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(part)
            count += len(part)
        log(f"  epoch {epoch + 1}/{epochs}: loss {total / count:.4f} ({time.time() - started:.0f} s)")


def predict(encoder, heads, rows, split):
    """Per message: sentence blame/category/concern probabilities, token cue probabilities, pooled features."""
    out = {}
    with torch.no_grad():
        for chunk in batches(rows, 64, False, None):
            part = [rows[i] for i in chunk]
            states, pooled, owners = forward(encoder, heads, part, split)
            logit = heads.blame(pooled).squeeze(-1)
            cat = heads.category(pooled).softmax(-1)
            con = heads.concern(pooled).softmax(-1)
            for j, (b, s) in enumerate(owners):
                r = part[b]
                o = out.setdefault(r["id"], {"id": r["id"], "sentences": [], "cue": None})
                o["sentences"].append({
                    "logit": round(logit[j].item(), 4),
                    "category": [round(v, 4) for v in cat[j].tolist()],
                    "concern": [round(v, 4) for v in con[j].tolist()],
                    "vector": [round(v, 3) for v in pooled[j].tolist()],
                    "frozen": r["frozen"][s],
                })
            for b, r in enumerate(part):
                n = len(r["ids"])
                out[r["id"]]["cue"] = [round(v, 3) for v in heads.cue(states[b, 1 : n + 1]).squeeze(-1).tolist()]
    return [out[r["id"]] for r in rows]


def check_reference(encoder, path, log):
    """The torch encoder must reproduce ONNX Runtime's token states before anything is trained."""
    worst = 0.0
    with torch.no_grad():
        for ref in json.load(open(path)):
            ids, mask = pad_batch([{"ids": ref["ids"]}])
            x = encoder.run(encoder.embed(ids), mask, 0, LAYERS)[0, 1 : len(ref["ids"]) + 1]
            want = torch.tensor(ref["states"]).view(len(ref["ids"]), HIDDEN)
            worst = max(worst, (x - want).abs().max().item())
    log(f"torch vs ONNX Runtime, base model: largest difference {worst:.2e}")
    if worst > 1e-3:
        sys.exit(f"the torch encoder does not reproduce the ONNX model (difference {worst})")


def write_weights(encoder, heads, onnx_names, split, path):
    tensors = []
    for layer in encoder.layers[split:]:
        for attr, name in layer.onnx.items():
            tensors.append((onnx_names[name], getattr(layer, attr).detach().numpy()))
    for head in ("blame", "category", "concern", "cue"):
        linear = getattr(heads, head)
        tensors.append((f"head.{head}.weight", linear.weight.detach().numpy()))
        tensors.append((f"head.{head}.bias", linear.bias.detach().numpy()))
    with open(path, "wb") as f:
        def string(s):
            b = s.encode("utf-8")
            f.write(struct.pack("<i", len(b)))
            f.write(b)
        string("CSFT1")
        f.write(struct.pack("<i", len(tensors)))
        for name, value in tensors:
            string(name)
            f.write(struct.pack("<i", value.ndim))
            for d in value.shape:
                f.write(struct.pack("<i", d))
            f.write(value.astype("<f2").tobytes())


def round_to_half(encoder, heads, split):
    """Serving reads half-precision tensors, so the features the heads are measured on come from those."""
    with torch.no_grad():
        for p in list(encoder.layers[split:].parameters()) + list(heads.parameters()):
            p.copy_(p.half().float())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--layers", type=int, default=3, help="top layers to fine-tune")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--folds", type=int, default=0, help="write out-of-fold predictions with K folds")
    ap.add_argument("--oof", help="where to write the out-of-fold predictions")
    ap.add_argument("--only-fold", type=int,
                    help="with --folds: train and predict only this fold (a quick trial of a recipe; the trainer scores it)")
    ap.add_argument("--final", help="where to write the fine-tuned weights")
    ap.add_argument("--final-reference", help="where to write the fine-tuned model's states for the C# check")
    ap.add_argument("--anchor", type=float, default=0.3,
                    help="weight of the cosine pull towards the base model's message vector (retrieval and safety read it)")
    ap.add_argument("--encoder-lr", type=float, default=5e-5, help="learning rate of the fine-tuned layers")
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    log = lambda s: print(s, flush=True)

    weights, onnx_names = load_onnx_weights(args.onnx)
    check_reference(Encoder(weights), args.reference, log)
    rows = read_data(args.data)
    split = LAYERS - args.layers
    log(f"{len(rows)} messages; fine-tuning the top {args.layers} layers for {args.epochs} epochs (anchor {args.anchor}, encoder lr {args.encoder_lr})")

    started = time.time()
    cache_lower(Encoder(weights), rows, split)
    log(f"lower {split} layers cached in {time.time() - started:.0f} s")

    if args.folds:
        oof = []
        for k in range(args.folds):
            if args.only_fold is not None and k != args.only_fold:
                continue
            encoder, heads = Encoder(weights), Heads()
            train_rows = [r for r in rows if fold_of(r["group"], args.folds) != k]
            test_rows = [r for r in rows if fold_of(r["group"], args.folds) == k]
            log(f"fold {k + 1}/{args.folds}: {len(train_rows)} to train, {len(test_rows)} held out")
            train(encoder, heads, train_rows, split, args.epochs, args.seed + k, log, args.anchor, args.encoder_lr)
            round_to_half(encoder, heads, split)
            for o in predict(encoder, heads, test_rows, split):
                o["fold"] = k
                oof.append(o)
        with open(args.oof, "w") as f:
            for o in oof:
                f.write(json.dumps(o) + "\n")
        log(f"wrote {args.oof}")

    if args.final:
        encoder, heads = Encoder(weights), Heads()
        log("final model on every message")
        train(encoder, heads, rows, split, args.epochs, args.seed, log, args.anchor, args.encoder_lr)
        round_to_half(encoder, heads, split)
        write_weights(encoder, heads, onnx_names, split, args.final)
        log(f"wrote {args.final}")
        if args.final_reference:
            refs = []
            with torch.no_grad():
                for ref in json.load(open(args.reference)):
                    ids, mask = pad_batch([{"ids": ref["ids"]}])
                    x = encoder.run(encoder.embed(ids), mask, 0, LAYERS)[0, 1 : len(ref["ids"]) + 1]
                    refs.append({"ids": ref["ids"], "states": [round(v, 6) for v in x.flatten().tolist()]})
            json.dump(refs, open(args.final_reference, "w"))


if __name__ == "__main__":
    main()
