#!/usr/bin/env python3
"""Count the safety answers the service gave to rewrite panels' drafts (ordinary complaints written blind from a brief
that excludes threats, self-harm, abuse and control), from the notes `rewrite-panel write` recorded: how often an
ordinary message was answered at danger and at concern. The answers are read from SafetyCheck.cs, so they cannot
drift from what the service says. Prints counts only, never a message.

  panel-safety-count.py PANEL [PANEL ...]
"""
import json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = open(os.path.join(ROOT, 'src/CoachService.Core/Safety/SafetyCheck.cs'), encoding='utf-8').read()
ANSWERS = {level: tuple(re.findall(r'SafetyLevel\.' + level + r'\)\]\s*=\s*"((?:[^"\\]|\\.)*)"', SOURCE))
           for level in ('Danger', 'Concern')}
if any(len(a) != 4 for a in ANSWERS.values()):
    sys.exit(f'expected four answers a level in SafetyCheck.cs, found {[len(a) for a in ANSWERS.values()]}')

total = danger = concern = 0
for panel in sys.argv[1:]:
    with open(os.path.join(panel, 'rewrites.jsonl'), encoding='utf-8') as f:
        for line in f:
            if line.strip():
                note = json.loads(line).get('note') or ''
                total += 1
                danger += note in ANSWERS['Danger']
                concern += note in ANSWERS['Concern']
if total == 0:
    sys.exit('no drafts')
print(f'{total} drafts: at danger {danger} ({danger / total:.1%}), at concern {concern} ({concern / total:.1%})')
