#!/usr/bin/env python3
"""How models score rows with features missing: the README's --missing-dropout table.

Blanks groups of feature columns in a split of a simulated world, scores every variant with each model
(`kaml predict --allow-missing`, so a model that never learned a feature missing is scored as kaml scored
it before it refused such rows) and prints, per model and variant, the AUC of the target score against
the target label and the mean target score (against the observed target rate, printed last).

    python3 scripts/partial-rows.py runs/sim/valid.csv.gz m.kaml m-dropout.kaml ...
"""
import csv
import gzip
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Feature columns left empty in each variant; the last keeps only the four of the README's partial request.
VARIANTS = {
    'full rows': [],
    'no user_id': ['user_id'],
    'no ad_id': ['ad_id'],
    'no price': ['price'],
    'only user_id, ad_id, device, price': ['age_band', 'gender', 'city_tier', 'os', 'campaign_id', 'advertiser_cat', 'industry',
                                           'creative_type', 'placement', 'hour', 'weekday', 'user_activity'],
}


def auc(scores, labels):
    """Mann-Whitney AUC with midranks for ties."""
    pairs = sorted(zip(scores, labels))
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        rank_sum += sum(1 for k in range(i, j + 1) if pairs[k][1]) * ((i + j) / 2 + 1)
        i = j + 1
    pos = sum(1 for _, y in pairs if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * (len(pairs) - pos))


def main(split, models):
    with gzip.open(split, 'rt', newline='') as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    at = {name: k for k, name in enumerate(header)}
    label = {r[at['sample_id']]: r[at['y_' + r[at['target_action']]]] == '1' for r in body}
    print('| rows | ' + ' | '.join(os.path.basename(m) for m in models) + ' |')
    print('|---' * (len(models) + 1) + '|')
    with tempfile.TemporaryDirectory() as work:
        for variant, blank in VARIANTS.items():
            rows_file = os.path.join(work, 'rows.csv')
            with open(rows_file, 'w', newline='') as f:
                out = csv.writer(f, lineterminator='\n')
                out.writerow(header)
                for r in body:
                    out.writerow(['' if name in blank else cell for name, cell in zip(header, r)])
            cells = []
            for model in models:
                scores_file = os.path.join(work, 'scores.csv')
                subprocess.run([os.path.join(ROOT, 'kaml'), 'predict', '--model', model, '--input', rows_file, '--out', scores_file,
                                '--allow-missing'], check=True, stderr=subprocess.DEVNULL)
                with open(scores_file, newline='') as f:
                    scored = list(csv.DictReader(f))
                s = [float(r['score']) for r in scored]
                cells.append(f"{auc(s, [label[r['id']] for r in scored]):.4f} / {sum(s) / len(s):.3f}")
            print(f'| {variant} | ' + ' | '.join(cells) + ' |')
    print(f'observed target rate {sum(label.values()) / len(label):.4f}')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
