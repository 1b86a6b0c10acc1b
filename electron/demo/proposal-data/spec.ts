// One demo proposal as a row of data (the demo's proposals are split by block, each file under
// 400 lines; their order is the proposals' codes P-001…, and the rejections name positions in it).
/** Sector by position in DEFAULT_SECTORS: 0 agriculture, 1 roads, 2 education, 3 health (the four sectors of DOMAIN.md). */
export type Spec = [
  sector: 0 | 1 | 2 | 3 | 4 | 5,
  title: string,
  community: string,
  org: string,
  soles: number,
  beneficiaries: number,
  cui?: string,
  cofinancing?: number,
  carriedFrom?: string,
];
