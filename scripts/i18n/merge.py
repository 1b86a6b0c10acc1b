"""Merge a {key: (es, en, quz)} table into the per-language catalogues of a namespace.

Usage: python3 scripts/i18n/merge.py NAMESPACE TABLE.py — existing keys are overwritten,
other keys kept; the quz file keeps its _status/_reviewed metadata.
"""
import json, sys, runpy, os
ns, table = sys.argv[1], sys.argv[2]
S = runpy.run_path(table)["S"]
root = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'i18n')
for idx, lang in enumerate(['es', 'en', 'quz']):
    p = os.path.join(root, lang, f'{ns}.json')
    cur = json.load(open(p, encoding='utf-8')) if os.path.exists(p) else {}
    if lang == 'quz':
        cur.setdefault('_status', 'machine-drafted Cusco Quechua, UNREVIEWED: pending review by a speaker')
        cur.setdefault('_reviewed', [])
    for k, v in S.items():
        cur[k] = v[idx]
    meta = {k: cur[k] for k in cur if k.startswith('_')}
    rest = {k: cur[k] for k in sorted(cur) if not k.startswith('_')}
    with open(p, 'w', encoding='utf-8') as f:
        json.dump({**meta, **rest}, f, ensure_ascii=False, indent=2)
        f.write('\n')
