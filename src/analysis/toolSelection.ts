import { Decimal, ZERO } from '../core/decimal';
import type { RawCell } from '../workbook/grid';
import type { BookFacts, ContractFacts } from './bookFacts';
import { isKnownCurrency, minorUnits } from '../core/money';
import { isBlankCell, NO_LONGER_DERIVED, previousRows, rowKey } from './previousTable';
import { toolCatalog, type CatalogScore } from './toolCatalog';

/**
 * Tool Selection: the catalog's capabilities this book needs, each weighted by how much of the
 * book needs it, against every catalog tool's 0-3 score. Totals count an unconfirmed score as 0.
 */
export const WEIGHT_RULE =
  'Default Weight = the % of contracts that need the capability, rounded to a whole number (book-wide needs - ' +
  'revenue recognition, audit trail, dunning, and ERP / CRM sync when an ERP / CRM is named - weigh 100). ' +
  'Capabilities no contract needs are left out. Edit Weight (not Default Weight) to change the ranking.';

export const UNKNOWN = 'unknown';

/** Labels of the rows under the requirement rows; never capabilities. */
export const TOTAL_LABEL = 'Weighted Total';
export const UNKNOWN_LABEL = 'Unknown scores';
export const RECOMMENDATION_LABEL = 'Recommended tool';

export interface ToolNeed {
  capability: string;
  contracts: number;
  evidence: string;
  defaultWeight: number;
}

export interface ToolRow {
  capability: string;
  evidence: string;
  defaultWeight: number | null;
  weight: number | null;
  /** per tool in catalog order; null = unknown */
  scores: (number | null)[];
  catalogScores: CatalogScore[];
  noLongerDerived: boolean;
}

export interface ToolMatrix {
  tools: string[];
  rows: ToolRow[];
}

export interface ToolTotal {
  tool: string;
  total: Decimal;
  unknown: number;
}

export interface ToolRecommendation {
  tool: string | null;
  total: Decimal;
  why: string;
}

interface NeedDef {
  capability: string;
  needs: (c: ContractFacts, facts: BookFacts, crmName: string | null) => boolean;
  what: string;
}

const bookWide = () => true;

const NEEDS: NeedDef[] = [
  { capability: 'Billing cadences (monthly/quarterly/annual/custom)', needs: (c) => c.subscription || c.usage, what: 'bill on a recurring cadence' },
  { capability: 'In advance and in arrears', needs: (c) => c.arrears, what: 'bill in arrears (Usage or Arrears timing)' },
  { capability: 'Calendar and anniversary anchors', needs: (c) => c.calendarAnchor, what: 'bill on calendar periods' },
  { capability: 'Configurable proration method', needs: (c) => c.amended || c.calendarAnchor, what: 'prorate (amendments or calendar partial periods)' },
  { capability: 'Mid-contract upgrade/downgrade/cancel with credit', needs: (c) => c.amended, what: 'have amendments' },
  { capability: 'Ramp (step-up) schedules', needs: (c) => c.ramp, what: 'are ramp deals' },
  { capability: 'Minimum commitments and true-ups', needs: (c) => c.minimumCommit, what: 'have a Minimum Commit' },
  { capability: 'Usage rating (tiered, volume, package)', needs: (c) => c.usage || c.tiered, what: 'rate usage or tiers' },
  { capability: 'Milestone billing', needs: (c) => c.milestone, what: 'bill milestones' },
  { capability: 'Net terms and due dates', needs: (c, f) => (c.netDays ?? c.lines.find((l) => l.paymentTerms)?.paymentTerms?.netDays ?? f.settings.defaultPaymentTerms.netDays) > 0, what: 'are on net terms' },
  { capability: 'Multi-currency', needs: (c) => c.foreignCurrency, what: 'are in a currency other than reporting' },
  { capability: 'Tax engine integration', needs: (c) => c.taxable, what: 'are taxable in a jurisdiction' },
  { capability: 'Credit notes / memos', needs: (c) => c.amended, what: 'have amendments that credit' },
  { capability: 'Dunning and payment retries', needs: bookWide, what: 'can pay late or fail (book-wide)' },
  { capability: 'Revenue recognition (ASC 606)', needs: bookWide, what: 'earn revenue (book-wide)' },
  { capability: 'ERP sync (NetSuite, QuickBooks)', needs: (_c, f) => !!f.settings.erp, what: 'sync to the ERP named in Settings' },
  { capability: 'CRM sync (Salesforce, HubSpot)', needs: (_c, _f, crm) => crm !== null, what: 'come from the CRM' },
  { capability: 'Spreadsheet import/export', needs: (_c, _f, crm) => crm === null, what: 'live in this spreadsheet (no CRM named)' },
  { capability: 'Audit trail', needs: bookWide, what: 'need an audit trail (book-wide)' },
  { capability: 'Rounding control', needs: (c, f) => f.settings.rounding === 'Half Even' || (isKnownCurrency(c.currency) && minorUnits(c.currency) !== 2), what: 'need non-default rounding (Half Even or 0/3-decimal currencies)' },
  { capability: 'Multi-entity billing', needs: (_c, f) => f.billingEntities.length > 1, what: 'sit in a multi-entity book' },
];

export function deriveToolNeeds(facts: BookFacts, crmName: string | null): ToolNeed[] {
  const total = facts.contracts.length;
  const needs: ToolNeed[] = [];
  for (const def of NEEDS) {
    const contracts = facts.contracts.filter((c) => def.needs(c, facts, crmName)).length;
    if (contracts === 0 || total === 0) continue;
    needs.push({
      capability: def.capability,
      contracts,
      evidence: `${contracts} of ${total} contracts ${def.what}`,
      defaultWeight: Math.round((contracts / total) * 100),
    });
  }
  return needs;
}

function catalogScoresOf(capability: string): CatalogScore[] {
  const row = toolCatalog.capabilities.find((c) => c.capability === capability);
  return toolCatalog.tools.map((t) => (row ? (row.scores[t] ?? null) : null));
}

export function toolMatrix(needs: readonly ToolNeed[]): ToolMatrix {
  return {
    tools: [...toolCatalog.tools],
    rows: needs.map((n) => {
      const catalog = catalogScoresOf(n.capability);
      return { capability: n.capability, evidence: n.evidence, defaultWeight: n.defaultWeight, weight: n.defaultWeight, scores: [...catalog], catalogScores: catalog, noLongerDerived: false };
    }),
  };
}

function asNumber(cell: RawCell | undefined): number | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  if (typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell.trim()))) return Number(cell.trim());
  return null;
}

/** A score cell as typed: a number, or "unknown" (null); undefined when it reads as neither. */
function asScore(cell: RawCell | undefined): number | null | undefined {
  if (typeof cell === 'string' && cell.trim().toLowerCase() === UNKNOWN) return null;
  if (isBlankCell(cell)) return undefined;
  return asNumber(cell) ?? undefined;
}

const LABELS = new Set([TOTAL_LABEL, UNKNOWN_LABEL, RECOMMENDATION_LABEL].map(rowKey));

/**
 * Carry the architect's weights and scores over by Capability and Tool. A weight counts as edited
 * when it differs from the Default Weight beside it (so a changed book still moves the defaults);
 * a score when it differs from the catalog.
 */
export function carryToolEdits(matrix: ToolMatrix, previous: readonly (readonly RawCell[])[] | null | undefined): ToolMatrix {
  const before = previousRows(previous, 'Capability').filter((p) => !LABELS.has(rowKey(p.key)));
  const byKey = new Map(before.map((p) => [rowKey(p.key), p]));
  const rows = matrix.rows.map((row) => {
    const p = byKey.get(rowKey(row.capability));
    if (!p) return row;
    const weight = asNumber(p.cells('Weight'));
    const previousDefault = asNumber(p.cells('Default Weight'));
    const edited = weight !== null && (!p.has('Default Weight') || previousDefault === null || weight !== previousDefault);
    const scores = row.scores.map((score, i) => {
      const typed = asScore(p.cells(matrix.tools[i]));
      return typed === undefined ? score : typed;
    });
    return { ...row, weight: edited ? weight : row.weight, scores };
  });
  const derived = new Set(matrix.rows.map((r) => rowKey(r.capability)));
  const seen = new Set<string>();
  for (const p of before) {
    const key = rowKey(p.key);
    if (derived.has(key) || seen.has(key)) continue;
    seen.add(key);
    const catalog = catalogScoresOf(p.key);
    rows.push({
      capability: p.key,
      evidence: `${NO_LONGER_DERIVED}: the book no longer needs it; not in the totals`,
      defaultWeight: null,
      weight: asNumber(p.cells('Weight')),
      scores: matrix.tools.map((t, i) => {
        const typed = asScore(p.cells(t));
        return typed === undefined ? catalog[i] : typed;
      }),
      catalogScores: catalog,
      noLongerDerived: true,
    });
  }
  return { tools: matrix.tools, rows };
}

/** Weighted totals over the derived rows (SUMPRODUCT of Weight and score, unknown as 0). */
export function toolTotals(matrix: ToolMatrix): ToolTotal[] {
  const live = matrix.rows.filter((r) => !r.noLongerDerived);
  return matrix.tools.map((tool, i) => ({
    tool,
    total: live.reduce((sum, r) => sum.plus(new Decimal(r.weight ?? 0).times(r.scores[i] ?? 0)), ZERO),
    unknown: live.filter((r) => r.scores[i] === null).length,
  }));
}

/** The top tool (first in catalog order on a tie, as Excel's MATCH picks) and why. */
export function recommendTool(matrix: ToolMatrix, totals: readonly ToolTotal[]): ToolRecommendation {
  if (totals.length === 0 || matrix.rows.every((r) => r.noLongerDerived)) return { tool: null, total: ZERO, why: 'no capability derived from the book' };
  let best = 0;
  totals.forEach((t, i) => { if (t.total.greaterThan(totals[best].total)) best = i; });
  const leader = totals[best];
  const others = totals.filter((_, i) => i !== best).sort((a, b) => b.total.comparedTo(a.total));
  const runnerUp = others[0];
  const strengths = matrix.rows
    .filter((r) => !r.noLongerDerived && r.scores[best] === 3)
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))
    .slice(0, 3)
    .map((r) => r.capability);
  const parts = [
    `${leader.tool} has the highest weighted total, ${leader.total.toString()}` + (runnerUp ? `, ahead of ${runnerUp.tool} (${runnerUp.total.toString()})` : ''),
    strengths.length > 0 ? `documented on the heaviest needs: ${strengths.join('; ')}` : '',
    leader.unknown > 0 ? `confirm its ${leader.unknown} unknown score(s), counted as 0, before deciding` : 'no unknown scores',
  ].filter((s) => s !== '');
  return { tool: leader.tool, total: leader.total, why: parts.join('; ') };
}

/** Score cells that differ from the catalog: what an architect typed rather than a catalog fact. */
export function editedScores(matrix: ToolMatrix): string[] {
  const edits: string[] = [];
  for (const row of matrix.rows) {
    row.scores.forEach((score, i) => {
      if (score !== row.catalogScores[i]) edits.push(`${matrix.tools[i]} / ${row.capability}: ${score ?? UNKNOWN} (catalog: ${row.catalogScores[i] ?? UNKNOWN})`);
    });
  }
  return edits;
}
