#!/usr/bin/env python3
"""How far do independent readers agree with the blind writers' blame labels? (a ceiling for the detector)

  label-agreement.py pool OUT --double SPLIT --single SPLIT --raters N [--seed S]
      Every message of the --double split goes to two different raters, every message of the --single split to one.
      Messages are shuffled under opaque ids; the writers' labels, ids and file names are not in what the raters see.
      Writes OUT/key.json (opaque id -> split folder, message id) and OUT/messages-K.jsonl ({"id","message"}).
  label-agreement.py report OUT
      Reads OUT/labels-K.jsonl ({"id","blame":0|1,"reason"}) and prints, per split, each reader's message F1,
      precision, recall and kind messages called blame against the writers' labels, by "hard" kind, and the
      agreement of the two readers of the same message (Cohen's kappa).
"""
import argparse, glob, json, os, random
from collections import defaultdict

def lines(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(l) for l in f if l.strip()]

def messages(split):
    out = []
    for path in sorted(glob.glob(os.path.join(split, '*.jsonl'))):
        for m in lines(path):
            out.append({'split': split.rstrip('/'), 'id': m['id'], 'hard': m.get('hard'),
                        'text': ' '.join(s['text'] for s in m['sentences']),
                        'blame': any(s['blame'] for s in m['sentences'])})
    return out

def pool(a):
    rng = random.Random(a.seed)
    double, single = messages(a.double), messages(a.single)
    rng.shuffle(double); rng.shuffle(single)
    everything = double + single
    rng2 = random.Random(a.seed + 1)
    order = list(range(len(everything))); rng2.shuffle(order)
    opaque = {i: f'm{n:04d}' for n, i in enumerate(order)}
    tasks = defaultdict(list)
    for i, m in enumerate(double):
        tasks[i % a.raters].append(i)
        tasks[(i + a.raters // 2) % a.raters].append(i)
    for j, m in enumerate(single):
        tasks[j % a.raters].append(len(double) + j)
    os.makedirs(a.out, exist_ok=True)
    key = {opaque[i]: {'split': m['split'], 'id': m['id']} for i, m in enumerate(everything)}
    with open(os.path.join(a.out, 'key.json'), 'w', encoding='utf-8') as f:
        json.dump(key, f, indent=1, ensure_ascii=False, sort_keys=True)
    for r in range(a.raters):
        mine = sorted(tasks[r], key=lambda i: opaque[i])
        with open(os.path.join(a.out, f'messages-{r + 1}.jsonl'), 'w', encoding='utf-8') as f:
            for i in mine:
                f.write(json.dumps({'id': opaque[i], 'message': everything[i]['text']}, ensure_ascii=False) + '\n')
    print(f'{len(double)} messages twice, {len(single)} once, {a.raters} raters, '
          f'{", ".join(str(len(tasks[r])) for r in range(a.raters))} each')

def scores(pairs):
    tp = sum(1 for g, p in pairs if g and p); fp = sum(1 for g, p in pairs if not g and p)
    fn = sum(1 for g, p in pairs if g and not p); kind = sum(1 for g, _ in pairs if not g)
    prec = tp / (tp + fp) if tp + fp else 0.0; rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return f1, prec, rec, fp, kind

def kappa(pairs):
    n = len(pairs)
    if not n: return 0.0
    po = sum(1 for x, y in pairs if x == y) / n
    px = sum(x for x, _ in pairs) / n; py = sum(y for _, y in pairs) / n
    pe = px * py + (1 - px) * (1 - py)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0

def report(a):
    key = json.load(open(os.path.join(a.out, 'key.json'), encoding='utf-8'))
    gold = {}
    for split in sorted({v['split'] for v in key.values()}):
        for m in messages(split):
            gold[(m['split'], m['id'])] = m
    reads = defaultdict(list)  # opaque id -> [(rater, blame)]
    for path in sorted(glob.glob(os.path.join(a.out, 'labels-*.jsonl'))):
        rater = os.path.basename(path)[len('labels-'):-len('.jsonl')]
        for r in lines(path):
            reads[r['id']].append((rater, int(r['blame'])))
    by_split = defaultdict(list)
    for oid, v in key.items():
        by_split[v['split']].append((oid, gold[(v['split'], v['id'])]))
    for split, items in sorted(by_split.items()):
        read = [(m, reads[oid]) for oid, m in items if reads.get(oid)]
        print(f'\n## {split}: {len(read)} of {len(items)} messages read')
        pairs = [(m['blame'], p) for m, rs in read for _, p in rs]
        f1, prec, rec, fp, kind = scores(pairs)
        print(f'every reading against the writer: F1 {f1:.3f}, precision {prec:.3f}, recall {rec:.3f}, '
              f'kind called blame {fp}/{kind} ({fp / kind:.1%}) over {len(pairs)} readings')
        firsts = [(m['blame'], rs[0][1]) for m, rs in read]
        f1, prec, rec, fp, kind = scores(firsts)
        print(f'first reader only (one reading per message): F1 {f1:.3f}, recall {rec:.3f}, kind called blame {fp}/{kind}')
        both = [(m, rs) for m, rs in read if len(rs) >= 2]
        if both:
            k = kappa([(rs[0][1], rs[1][1]) for _, rs in both])
            agree = sum(1 for _, rs in both if rs[0][1] == rs[1][1])
            print(f'two readers of the same message: agree on {agree}/{len(both)} ({agree / len(both):.1%}), kappa {k:.3f}')
            f1, prec, rec, fp, kind = scores([(rs[0][1], rs[1][1]) for _, rs in both])
            print(f'  reader 2 scored against reader 1: F1 {f1:.3f}')
            unanimous = [(m['blame'], rs[0][1]) for m, rs in both if rs[0][1] == rs[1][1]]
            f1, prec, rec, fp, kind = scores(unanimous)
            print(f'  where both readers agree ({len(unanimous)}): F1 against the writer {f1:.3f}, kind called blame {fp}/{kind}')
        hard = defaultdict(list)
        for m, rs in read:
            for _, p in rs:
                hard[(m['blame'], m['hard'] or '(ordinary)')].append(p)
        print('| writer label | hard kind | readings | read as blame |')
        print('| --- | --- | --- | --- |')
        for (b, h), ps in sorted(hard.items(), key=lambda kv: (not kv[0][0], kv[0][1])):
            print(f'| {"blame" if b else "kind"} | {h} | {len(ps)} | {sum(ps) / len(ps):.1%} |')

def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest='cmd', required=True)
    q = sub.add_parser('pool'); q.add_argument('out'); q.add_argument('--double', required=True)
    q.add_argument('--single', required=True); q.add_argument('--raters', type=int, default=6)
    q.add_argument('--seed', type=int, default=1)
    r = sub.add_parser('report'); r.add_argument('out')
    a = p.parse_args()
    pool(a) if a.cmd == 'pool' else report(a)

if __name__ == '__main__':
    main()
