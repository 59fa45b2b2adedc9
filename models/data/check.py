#!/usr/bin/env python3
"""Validates a labelled-data JSONL file against models/data/README.md. Usage: check.py FILE [FILE...]"""
import json, sys, collections
CATS = {"absolute","accusation","character","contempt","pseudo_feeling","demand","rhetorical"}
CONCERNS = {"listening","chores","phone","lateness","money","affection","time_together","commitments","tone",
            "family","parenting","jealousy","work_rest","apologies","general"}
KINDS = {"positive_absolute","reassurance","logistics","request","i_statement","appreciation","self_reflection",
         "curious_question","venting","other","apology","quoting","caring","feel_like_self"}
# Optional message-level "hard": which hard case a message is (see README.md), for per-kind reporting.
HARD_KIND = {"praise_absolute","feel_like_self","quoting","venting","caring","i_statement","apology","curious_why"}
HARD_BLAME = {"consequence","dry_sarcasm","capitals"}
errors = 0
def err(f, n, msg):
    global errors
    errors += 1
    print(f"{f}:{n}: {msg}")
for f in sys.argv[1:]:
    ids, texts = set(), set()
    pairs = collections.Counter()
    msgs = blame_msgs = 0
    cats = collections.Counter()
    hards = collections.Counter()
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
        except Exception as e:
            err(f, n, f"bad JSON: {e}"); continue
        if o.get("id") in ids: err(f, n, f"duplicate id {o.get('id')}")
        if "pair" in o and (not isinstance(o["pair"], str) or not o["pair"]): err(f, n, "pair must be a non-empty string")
        if "pair" in o: pairs[o["pair"]] += 1
        ids.add(o.get("id"))
        sents = o.get("sentences")
        if not isinstance(sents, list) or not sents:
            err(f, n, "no sentences"); continue
        text = " ".join(s.get("text", "") for s in sents)
        key = text.lower().strip()
        if key in texts: err(f, n, "duplicate message text")
        texts.add(key)
        words = len(text.split())
        if words < 2 or words > 80: err(f, n, f"message has {words} words (2..80)")
        msgs += 1
        any_blame = False
        for i, s in enumerate(sents):
            t = s.get("text", "")
            if not t.strip(): err(f, n, f"sentence {i} empty")
            if t != t.strip(): err(f, n, f"sentence {i} has leading/trailing space")
            if i < len(sents) - 1 and not any(t.rstrip().rstrip("\U0001F300-\U0001FAFF").endswith(p) for p in ".!?…") \
               and not any(ord(ch) > 0x2000 for ch in t[-3:]):
                err(f, n, f"sentence {i} is not the last and does not end with . ! ? or …")
            b = s.get("blame")
            if not isinstance(b, bool): err(f, n, f"sentence {i}: blame must be true/false"); continue
            if b:
                any_blame = True
                if s.get("category") not in CATS: err(f, n, f"sentence {i}: bad category {s.get('category')}")
                if s.get("concern") not in CONCERNS: err(f, n, f"sentence {i}: bad concern {s.get('concern')}")
                cues = s.get("cues")
                if not isinstance(cues, list) or not cues: err(f, n, f"sentence {i}: blame needs cues")
                else:
                    for c in cues:
                        if not c or c not in t: err(f, n, f"sentence {i}: cue {c!r} is not a substring of the text")
                cats[s.get("category")] += 1
            else:
                if "category" in s or "cues" in s: err(f, n, f"sentence {i}: non-blame must not have category/cues")
                if "kind" in s and s["kind"] not in KINDS: err(f, n, f"sentence {i}: bad kind {s['kind']}")
        blame_msgs += any_blame
        hard = o.get("hard")
        if hard is not None:
            if hard in HARD_KIND and any_blame: err(f, n, f"hard {hard!r} is a kind-message case but the message has blame")
            elif hard in HARD_BLAME and not any_blame: err(f, n, f"hard {hard!r} is a blame case but no sentence is blame")
            elif hard not in HARD_KIND | HARD_BLAME: err(f, n, f"bad hard {hard!r}")
            hards[hard] += 1
    for p, c in pairs.items():
        if c != 2: err(f, 0, f"pair {p!r} has {c} messages (a minimal pair has 2)")
    print(f"{f}: {msgs} messages, {blame_msgs} with blame, {len(pairs)} minimal pairs, categories {dict(cats)}, hard {dict(hards)}")
sys.exit(1 if errors else 0)
