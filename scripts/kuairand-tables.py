#!/usr/bin/env python3
"""Markdown tables of the KuaiRand public check from the report.json files scripts/kuairand.sh wrote.

Per data x preset x backbone: per-action test AUC mean +- std over seeds, with the test positives; then
the comparisons the paper's public check makes (KAML on KAML data against base on Vanilla data and
all on Oracle data; the three share every test sample) and each step of the ablation on both
protocols. A comparison is paired over seeds (t-test on per-seed differences). It is called
significant (*) only when p < 0.05 AND the mean difference exceeds 1.96 x the Hanley-McNeil standard
error of the baseline's AUC on that test set, a conservative bound on the test set's sampling error
(two models scored on the same samples are correlated, so the error of their difference is smaller).
An action with fewer than 30 test positives is marked undecided, whatever the numbers.
Usage: scripts/kuairand-tables.py [RUNS_DIR]   (default runs/kuairand)
"""
import json, math, os, statistics as st, sys

MIN_POSITIVES = 30
root = sys.argv[1] if len(sys.argv) > 1 else 'runs/kuairand'


def load(name):
    path = os.path.join(root, 'report-' + name, 'report.json')
    return json.load(open(path)) if os.path.exists(path) else None


def runs(report, preset, backbone):
    return sorted((r for r in report['runs'] if r['preset'] == preset and r['backbone'] == backbone), key=lambda r: r['seed'])


def auc(run, action):
    return run['metrics']['all']['auc'] if action == 'all' else run['metrics']['actions'][action]['auc']


def hanley_mcneil(a, p, n):
    q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
    return math.sqrt((a * (1 - a) + (p - 1) * (q1 - a * a) + (n - 1) * (q2 - a * a)) / (p * n))


def t_p(diffs):
    """Two-sided p of a one-sample t-test of the mean difference against 0 (normal tail beyond 30 df)."""
    k = len(diffs)
    if k < 2:
        return float('nan')
    sd = st.stdev(diffs)
    if sd == 0:
        return 0.0 if st.mean(diffs) != 0 else 1.0
    t = st.mean(diffs) / (sd / math.sqrt(k))
    # Student's t CDF by numerical integration of its density (df = k-1), enough for a table.
    df = k - 1
    c = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))
    x, steps, area = abs(t), 20000, 0.0
    upper = x + 200.0
    h = (upper - x) / steps
    for i in range(steps + 1):
        u = x + i * h
        w = 1 if i in (0, steps) else (4 if i % 2 else 2)
        area += w * c * (1 + u * u / df) ** (-(df + 1) / 2)
    return min(1.0, 2 * area * h / 3)


def fmt(values):
    return '%.4f ± %.4f' % (st.mean(values), st.stdev(values)) if len(values) > 1 else '%.4f' % values[0]


def cell_of(a, b, action):
    """Difference of b over a (paired by seed) with RelaImpr, p and the verdict."""
    seeds = {r['seed']: r for r in a}
    pairs = [(seeds[r['seed']], r) for r in b if r['seed'] in seeds]
    diffs = [auc(y, action) - auc(x, action) for x, y in pairs]
    base = st.mean(auc(x, action) for x, _ in pairs)
    # RelaImpr divides by the base's distance from 0.5: near chance it says nothing, so it is left out.
    relaimpr = ((st.mean(auc(y, action) for _, y in pairs) - 0.5) / (base - 0.5) - 1) * 100 if base >= 0.55 else None
    p = t_p(diffs)
    if action == 'all':
        m = pairs[0][0]['metrics']['all']
        positives = sum(v['positives'] for v in pairs[0][0]['metrics']['actions'].values())
        n = m['n']
    else:
        m = pairs[0][0]['metrics']['actions'][action]
        positives, n = m['positives'], m['n']
    if positives < MIN_POSITIVES:
        verdict = ' undecided'
    else:
        se = hanley_mcneil(base, positives, n - positives)
        verdict = '*' if p < 0.05 and abs(st.mean(diffs)) > 1.96 * se else ''
    rel = 'RelaImpr n/a' if relaimpr is None else '%+.2f%%' % relaimpr
    return '%+.4f (%s, p %.3f)%s' % (st.mean(diffs), rel, p, verdict)


def results_table(rows, actions):
    out = ['| data | preset | backbone | ' + ' | '.join(actions) + ' | all | GAUC |', '|---' * (len(actions) + 5) + '|']
    for data, report, preset, backbone in rows:
        rs = runs(report, preset, backbone)
        if not rs:
            continue
        cells = [fmt([auc(r, a) for r in rs]) for a in actions + ['all']]
        cells.append(fmt([r['metrics']['gauc'] for r in rs]))
        out.append('| %s | %s | %s | %s |' % (data, preset, backbone, ' | '.join(cells)))
    return out


def comparison_table(steps, actions):
    out = ['| comparison | ' + ' | '.join(actions) + ' | all |', '|---' * (len(actions) + 2) + '|']
    for label, a, b in steps:
        if a and b:
            out.append('| %s | %s |' % (label, ' | '.join(cell_of(a, b, x) for x in actions + ['all'])))
    return out


def positives_line(report, actions):
    run = report['runs'][0]['metrics']
    return 'test samples / positives per action: ' + ', '.join(
        '%s %d / %d' % (a, run['actions'][a]['n'], run['actions'][a]['positives']) for a in actions) + \
        '; all %d; seeds %s' % (run['all']['n'], ','.join(str(s) for s in sorted({r['seed'] for r in report['runs']})))


def section(title, lines):
    print('\n#### ' + title + '\n')
    print('\n'.join(lines))


paper = {k: load(k) for k in ['oracle', 'oracle-baselines', 'oracle-ablation', 'vanilla', 'kaml', 'kaml-baselines']}
adv = {k: load(k) for k in ['advertiser', 'advertiser-baselines']}
if paper['kaml']:
    acts = list(paper['kaml']['runs'][0]['metrics']['actions'])
    # base reads only the target's label, which the three datasets share: its runs are the same on each,
    # so it is shown once (the Vanilla rows) and the check below confirms the equality.
    rows, seen = [], set()
    for data, names in [('Vanilla', ['vanilla']), ('Oracle', ['oracle', 'oracle-ablation']), ('KAML', ['kaml'])]:
        for name in names:
            rep = paper[name]
            if rep:
                for run in rep['runs']:
                    key = (data, run['preset'], run['backbone'])
                    if key not in seen and (data == 'Vanilla' or run['preset'] != 'base'):
                        seen.add(key)
                        rows.append((data, rep, run['preset'], run['backbone']))
    same = all(auc(a, x) == auc(b, x) for name in ['oracle', 'kaml'] if paper[name] for bb in ['mmoe', 'ple']
               for a, b in zip(runs(paper['vanilla'], 'base', bb), runs(paper[name], 'base', bb)) for x in acts + ['all'])
    section("The paper's protocol: test AUC, mean ± std over seeds", [positives_line(paper['kaml'], acts),
            'base on Oracle and KAML data gives the same AUCs as on Vanilla data, run for run: %s' % ('yes' if same else 'NO'), '']
            + results_table(rows, acts))
    def find(names, preset, bb):
        for name in names:
            if paper[name] and runs(paper[name], preset, bb):
                return runs(paper[name], preset, bb)
        return None
    V, O, K = ['vanilla'], ['oracle', 'oracle-ablation'], ['kaml']
    steps = []
    for bb in ['mmoe', 'ple']:
        steps += [
            ('%s: Vanilla base → Oracle all' % bb, find(V, 'base', bb), find(O, 'all', bb)),
            ('%s: Vanilla base → KAML-data kaml' % bb, find(V, 'base', bb), find(K, 'kaml', bb)),
            ('%s: Oracle all → KAML-data kaml' % bb, find(O, 'all', bb), find(K, 'kaml', bb)),
            ('%s: Oracle all → adm' % bb, find(O, 'all', bb), find(O, 'adm', bb)),
            ('%s: Oracle adm → adm+hke' % bb, find(O, 'adm', bb), find(O, 'adm+hke', bb)),
            ('%s: Oracle adm+hke → kaml' % bb, find(O, 'adm+hke', bb), find(O, 'kaml', bb)),
            ('%s: KAML-data base → all' % bb, find(V, 'base', bb), find(K, 'all', bb)),
            ('%s: KAML-data all → adm' % bb, find(K, 'all', bb), find(K, 'adm', bb)),
            ('%s: KAML-data adm → adm+hke' % bb, find(K, 'adm', bb), find(K, 'adm+hke', bb)),
            ('%s: KAML-data adm+hke → kaml' % bb, find(K, 'adm+hke', bb), find(K, 'kaml', bb)),
            ('%s: KAML-data all → kaml' % bb, find(K, 'all', bb), find(K, 'kaml', bb)),
        ]
    section("The paper's protocol: differences in test AUC (paired by seed; * significant, see the rule above)", comparison_table(steps, acts))
if adv['advertiser']:
    acts = list(adv['advertiser']['runs'][0]['metrics']['actions'])
    rows = [('advertiser', rep, r['preset'], r['backbone']) for rep in [adv['advertiser'], adv['advertiser-baselines']] if rep for r in rep['runs']]
    seen, uniq = set(), []
    for row in rows:
        if (row[2], row[3]) not in seen:
            seen.add((row[2], row[3]))
            uniq.append(row)
    section('The advertiser protocol: test AUC, mean ± std over seeds', [positives_line(adv['advertiser'], acts), ''] + results_table(uniq, acts))
    a = adv['advertiser']
    steps = []
    for bb in ['mmoe', 'ple']:
        steps += [('%s: base → all' % bb, runs(a, 'base', bb), runs(a, 'all', bb)),
                  ('%s: base → adm' % bb, runs(a, 'base', bb), runs(a, 'adm', bb)),
                  ('%s: all → adm' % bb, runs(a, 'all', bb), runs(a, 'adm', bb)),
                  ('%s: adm → adm+hke' % bb, runs(a, 'adm', bb), runs(a, 'adm+hke', bb)),
                  ('%s: adm+hke → kaml' % bb, runs(a, 'adm+hke', bb), runs(a, 'kaml', bb)),
                  ('%s: base → kaml' % bb, runs(a, 'base', bb), runs(a, 'kaml', bb))]
    section('The advertiser protocol: differences in test AUC (paired by seed)', comparison_table(steps, acts))
