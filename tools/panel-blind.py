#!/usr/bin/env python3
"""Blind a rewrite/question panel for its raters, and map their ratings back.

  panel-blind.py pool PANEL OUT --raters N --rewrite-raters M [--seed S] [--extra NAME ...]
      Pools the answers of PANEL (the version measured) and PANEL/baseline (the version it is compared with), and
      of PANEL/NAME for each --extra (a further version measured on the same drafts, e.g. a later change):
      identical question sets, and identical (original, rewrite) pairs, once each, shuffled under opaque ids.
      Writes PANEL/blind-key.json (opaque id -> owners) and, for the raters, OUT/questions-K.jsonl
      ({"id","original","questions"}) split into N files and OUT/pairs-K.jsonl ({"id","original","rewrite"})
      split into M files. Nothing of the service's version is in what the raters see.
  panel-blind.py unpool PANEL OUT [--extra NAME ...]
      Reads OUT/question-ratings-*.jsonl and OUT/ratings-*.jsonl (named after the rater's file) and writes each
      rating under the message id into PANEL/, PANEL/baseline/ (and PANEL/NAME/), for every owner of its opaque id, so that
      `rewrite-panel report --panel PANEL` (and `--panel PANEL/baseline`) reads them.
"""
import argparse, json, os, random, sys

def lines(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(l) for l in f if l.strip()]

def write(path, rows):
    with open(path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')

def folders_of(a):
    return {'final': a.panel, 'base': os.path.join(a.panel, 'baseline'), **{n: os.path.join(a.panel, n) for n in a.extra}}

def pool(a):
    versions = folders_of(a)
    qsets, pairs = {}, {}
    for name, folder in versions.items():
        for q in lines(os.path.join(folder, 'questions.jsonl')):
            if q['questions']:
                qsets.setdefault((q['original'], tuple(q['questions'])), []).append([name, q['id']])
        for p in lines(os.path.join(folder, 'rewrites.jsonl')):
            if p.get('rewrite'):
                pairs.setdefault((p['original'], p['rewrite']), []).append([name, p['id']])
    rng = random.Random(a.seed)
    qkeys = list(qsets); rng.shuffle(qkeys)
    pkeys = list(pairs); rng.shuffle(pkeys)
    key = {'rewrites': [{'id': f'w{i:04d}', 'owners': pairs[k]} for i, k in enumerate(pkeys)],
           'questions': [{'id': f'q{i:04d}', 'owners': qsets[k]} for i, k in enumerate(qkeys)]}
    with open(os.path.join(a.panel, 'blind-key.json'), 'w', encoding='utf-8') as f:
        json.dump(key, f, indent=1, ensure_ascii=False)
    os.makedirs(a.out, exist_ok=True)
    for r in range(a.raters):
        write(os.path.join(a.out, f'questions-{r + 1}.jsonl'),
              [{'id': f'q{i:04d}', 'original': k[0], 'questions': list(k[1])} for i, k in enumerate(qkeys) if i % a.raters == r])
    for r in range(a.rewrite_raters):
        write(os.path.join(a.out, f'pairs-{r + 1}.jsonl'),
              [{'id': f'w{i:04d}', 'original': k[0], 'rewrite': k[1]} for i, k in enumerate(pkeys) if i % a.rewrite_raters == r])
    print(f'{len(qkeys)} distinct question sets for {a.raters} raters, {len(pkeys)} distinct pairs for {a.rewrite_raters}')

def unpool(a):
    key = json.load(open(os.path.join(a.panel, 'blind-key.json'), encoding='utf-8'))
    owners = {e['id']: e['owners'] for e in key['questions'] + key['rewrites']}
    folders = folders_of(a)
    for name in sorted(os.listdir(a.out)):
        if not name.endswith('.jsonl') or not (name.startswith('question-ratings-') or name.startswith('ratings-')):
            continue
        out = {v: [] for v in folders}
        for r in lines(os.path.join(a.out, name)):
            for version, message in owners[r['id']]:
                out[version].append(dict(r, id=message))
        for version, rows in out.items():
            if rows:
                write(os.path.join(folders[version], name), rows)
        print(name, {v: len(rows) for v, rows in out.items()})

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument('action', choices=['pool', 'unpool'])
ap.add_argument('panel'); ap.add_argument('out')
ap.add_argument('--raters', type=int, default=6)
ap.add_argument('--rewrite-raters', type=int, default=1)
ap.add_argument('--seed', type=int, default=2026)
ap.add_argument('--extra', action='append', default=[], help='a further version folder inside PANEL, pooled and unpooled too')
a = ap.parse_args()
pool(a) if a.action == 'pool' else unpool(a)
