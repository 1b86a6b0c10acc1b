// The round-by-round explanation a screen or PDF renders. Values are exact strings
// (decimal when terminating, else "n/d") plus rounded numbers for display.

export type Phase = 'mes' | 'greedy' | 'phragmen';

export type SkipReason =
  /** The project costs more than what is left of the budget. */
  | 'doesNotFit'
  /** Nobody listed it. */
  | 'noSupporters'
  /** MES with cost satisfaction: it costs nothing, so it satisfies nobody (as the reference). */
  | 'noSatisfaction'
  /** Its supporters' remaining money cannot cover its cost (MES). */
  | 'unaffordable'
  /** Taking it would push the total over the budget (Phragmén stops here). */
  | 'exceedsBudget';

export interface Chosen {
  project: string;
  cost: string;
  supporters: number;
  // The numbers below are for display: the decisions behind them were taken exactly.
  /** MES: price per unit of satisfaction (what MES minimises). */
  rho?: number;
  /** MES with cost or cardinality satisfaction: what each supporter with enough money pays. */
  pricePerSupporter?: number;
  /** Phragmén: the new maximal load of its supporters. */
  load?: number;
  /** Projects that tied with it and lost under the tie-break policy. */
  tiedWith?: string[];
  /** Budget left after this choice. */
  remaining: string;
}

export interface Skipped {
  project: string;
  reason: SkipReason;
}

export interface Round {
  phase: Phase;
  chosen?: Chosen;
  skipped: Skipped[];
}
