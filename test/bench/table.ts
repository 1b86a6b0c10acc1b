// The bench's one output format: a table a reader can judge. Each row gives the figure,
// the baseline measured in the same run (when there is one), their ratio, the goal and
// whether it is met. A goal is a ratio to the baseline when the row has a baseline, else
// an absolute value in the row's unit. Figures, not gates: nothing here fails a build.

export interface Figure {
  name: string;
  /** The measured value in `unit` (ms when no unit is given). */
  ms: number;
  unit?: 'ms' | 'MB';
  /** Baseline measured in the same run, same unit; `baselineName` says what it is. */
  baseline?: number;
  baselineName?: string;
  /** Goal: the ratio to the baseline, or (without baseline) the value not to exceed. */
  goal?: number;
  /** 'value': the goal is the value not to exceed even with a baseline (shown for reference). */
  goalOn?: 'value';
  note?: string;
}

/** Legacy shape some modules still return ({ name, ms, note }), and the new `value` form. */
export type FigureIn = Figure | (Omit<Figure, 'ms'> & { value: number });

export function normalise(f: FigureIn): Figure {
  if ('value' in f) {
    const { value, ...rest } = f;
    return { ...rest, ms: value };
  }
  return f;
}

function fmt(v: number, unit: string): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

export interface Judged {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: string;
}

export function judge(f: Figure): Judged {
  const unit = f.unit ?? 'ms';
  const ratio = f.baseline !== undefined && f.baseline > 0 ? f.ms / f.baseline : undefined;
  let goal = '';
  let met = '';
  if (f.goal !== undefined) {
    if (ratio !== undefined && f.goalOn !== 'value') {
      goal = `≤ ${f.goal}×`;
      met = ratio <= f.goal ? 'yes' : 'NO';
    } else {
      goal = `≤ ${fmt(f.goal, unit)}`;
      met = f.ms <= f.goal ? 'yes' : 'NO';
    }
  }
  return {
    figure: f.name + (f.note ? ` (${f.note})` : ''),
    value: fmt(f.ms, unit),
    baseline:
      f.baseline !== undefined
        ? `${fmt(f.baseline, unit)}${f.baselineName ? ` ${f.baselineName}` : ''}`
        : '',
    ratio: ratio !== undefined ? `${ratio.toFixed(2)}×` : '',
    goal,
    met,
  };
}

/** Print one section as an aligned table; long figure names wrap under their row. */
export function printTable(title: string, figures: FigureIn[]): void {
  const rows = figures.map((f) => judge(normalise(f)));
  const cols: Array<keyof Judged> = ['value', 'baseline', 'ratio', 'goal', 'met'];
  const head: Judged = {
    figure: 'figure',
    value: 'value',
    baseline: 'baseline (same run)',
    ratio: 'ratio',
    goal: 'goal',
    met: 'met',
  };
  const width = (k: keyof Judged) => Math.max(...[head, ...rows].map((r) => r[k].length));
  const w = Object.fromEntries(cols.map((k) => [k, width(k)])) as Record<keyof Judged, number>;
  const line = (r: Judged) =>
    cols.map((k) => (k === 'baseline' ? r[k].padEnd(w[k]) : r[k].padStart(w[k]))).join(' │ ');
  console.log(`\n${title}`);
  console.log(`  ${line(head)} │ ${head.figure}`);
  console.log(`  ${cols.map((k) => '─'.repeat(w[k])).join('─┼─')}─┼─${'─'.repeat(20)}`);
  for (const r of rows) console.log(`  ${line(r)} │ ${r.figure}`);
}
