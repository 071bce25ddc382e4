import type { CalendarDate } from '../core/calendarDate';
import { toISO } from '../core/calendarDate';
import { ZERO } from '../core/decimal';
import type { Milestone, PriceTier, Settings } from '../core/model';
import { formatAmount, halfMinorUnit, isKnownCurrency, roundMoney } from '../core/money';
import {
  cellOf, fieldOfCell, firstOf, groupContracts, issuesOn, normalisedId, typedIn, typedText,
  type ContractField, type ContractGroup,
} from './contractRows';
import { lineValue } from './lineValue';
import type { ColumnStat, ContractRowRecord } from './model';

/**
 * The CRM data audit (playbook 1a, "CRM data quality too poor for billing automation"): per
 * contract, every reason its CRM data would produce a wrong invoice; per column, how full and
 * how valid it is.
 */

export interface ContractAudit {
  contractId: string;
  customer: string;
  lines: number;
  stage: string;
  closeDate: CalendarDate | null;
  currency: string;
  billingReady: boolean;
  /** every reason the contract is not billing-ready, each naming its cell */
  problems: string[];
  /** the Contracts rows of the contract, e.g. "Contracts!A2, A3" */
  rows: string;
}

export interface ColumnAudit {
  column: string;
  field: string | null;
  rows: number;
  filled: number;
  valid: number;
  /** fractions; 0 when the sheet has no rows */
  filledShare: number;
  validShare: number;
  examples: string;
}

export interface CrmAudit {
  contracts: ContractAudit[];
  columns: ColumnAudit[];
  ready: number;
  /** ready / contracts, 0 for an empty book */
  readyShare: number;
}

function isClosedWon(stage: string): boolean {
  return stage.toLowerCase().replace(/[^a-z]/g, '') === 'closedwon';
}

const REQUIRED: { field: ContractField; label: string }[] = [
  { field: 'customer', label: 'Customer' },
  { field: 'product', label: 'Product' },
  { field: 'startDate', label: 'Start Date' },
  { field: 'billingFrequency', label: 'Billing Frequency' },
];

/** Reasons that come from comparing a contract's lines with each other. */
function contractLevelProblems(group: ContractGroup, covered: Map<ContractRowRecord, Set<string>>, settings: Settings): string[] {
  const problems: string[] = [];
  for (const { field, label } of [{ field: 'customer' as const, label: 'Customer' }, { field: 'currency' as const, label: 'Currency' }]) {
    const seen = new Map<string, string>();
    for (const row of group.rows) {
      if (!typedIn(row, field)) continue;
      const text = typedText(row, field);
      const key = normalisedId(text);
      if (!seen.has(key)) seen.set(key, `'${text}' (${cellOf(row, field)})`);
    }
    if (seen.size > 1) {
      problems.push(`duplicate Contract ID lines disagree on ${label}: ${[...seen.values()].join(' vs ')}`);
      for (const row of group.rows) covered.get(row)!.add(field);
    }
  }

  const stages = new Map<string, string>();
  for (const row of group.rows) {
    if (!typedIn(row, 'stage')) continue;
    const stage = typedText(row, 'stage');
    if (!isClosedWon(stage) && !stages.has(stage.toLowerCase())) stages.set(stage.toLowerCase(), `Stage is '${stage}', not Closed Won (${cellOf(row, 'stage')})`);
  }
  problems.push(...stages.values());

  const closeDateIssue = group.rows.flatMap((r) => issuesOn(r, 'closeDate').map((i) => `Close Date unreadable (${i.cell}): ${i.problem}`));
  if (firstOf(group.rows, 'closeDate') === undefined) {
    problems.push(closeDateIssue[0] ?? `no Close Date (${cellOf(group.rows[0], 'closeDate')})`);
  }
  for (const row of group.rows) covered.get(row)!.add('closeDate').add('stage');

  if (!group.rows.some((r) => typedIn(r, 'paymentTerms', settings) && r.line.paymentTerms !== undefined)) {
    const unreadable = group.rows.flatMap((r) => issuesOn(r, 'paymentTerms').map((i) => `Payment Terms unreadable (${i.cell}): ${i.problem}`));
    problems.push(unreadable[0] ?? `no Payment Terms (${cellOf(group.rows[0], 'paymentTerms')})`);
  }
  for (const row of group.rows) covered.get(row)!.add('paymentTerms');
  return problems;
}

export function amountProblems(row: ContractRowRecord, milestones: readonly Milestone[], priceTiers: readonly PriceTier[]): string[] {
  const line = row.line;
  const problems: string[] = [];
  for (const { field, label } of [{ field: 'unitPrice' as const, label: 'Unit Price' }, { field: 'totalContractValue' as const, label: 'Total Contract Value' }, { field: 'quantity' as const, label: 'Quantity' }]) {
    const unreadable = issuesOn(row, field).length > 0 || (typedIn(row, field) && (line[field] === undefined || line[field] === null));
    if (unreadable) problems.push(`${label} '${typedText(row, field)}' is not a number (${cellOf(row, field)})`);
  }
  if (problems.length > 0) return problems;

  const hasPrice = (line.unitPrice ?? null) !== null || (line.totalContractValue ?? null) !== null;
  const pricing = line.pricingModel ?? 'Flat';
  if (line.billingFrequency === 'Milestone') {
    const id = normalisedId(line.contractId ?? '');
    const product = normalisedId(line.product ?? '');
    if (!milestones.some((m) => normalisedId(m.contractId) === id && normalisedId(m.product) === product)) {
      problems.push(`milestone line with no Milestones rows for ${line.contractId ?? ''} / ${line.product ?? ''} (${cellOf(row, 'billingFrequency')})`);
    }
  } else if (pricing === 'Tiered' || pricing === 'Volume') {
    const table = line.tierTable ? normalisedId(line.tierTable) : null;
    if (table === null) problems.push(`${pricing} pricing with no Tier Table (${cellOf(row, 'tierTable')})`);
    else if (!priceTiers.some((t) => normalisedId(t.tierTable) === table)) problems.push(`Tier Table '${line.tierTable}' is not on Price Tiers (${cellOf(row, 'tierTable')})`);
  } else {
    if (pricing === 'Package' && (line.packageSize ?? null) === null && issuesOn(row, 'packageSize').length === 0) {
      problems.push(`Package pricing with no Package Size (${cellOf(row, 'packageSize')})`);
    }
    if (!hasPrice) problems.push(`no Unit Price or Total Contract Value (${cellOf(row, 'unitPrice')})`);
  }

  const value = lineValue(line);
  const tcv = line.totalContractValue ?? null;
  if (value && tcv !== null && line.currency !== undefined) {
    const rounded = roundMoney(value.net, line.currency, 'Half Up');
    const tolerance = halfMinorUnit(line.currency).times(value.periods);
    if (rounded.minus(tcv).abs().greaterThan(tolerance)) {
      const discounted = (line.discountPct ?? ZERO).isZero() ? '' : ' less discount';
      problems.push(`Unit Price x Quantity x term${discounted} = ${formatAmount(rounded, line.currency)} disagrees with Total Contract Value ${formatAmount(tcv, line.currency)} (${cellOf(row, 'totalContractValue')})`);
    }
  }
  return problems;
}

function rowProblems(row: ContractRowRecord, covered: Set<string>, milestones: readonly Milestone[], priceTiers: readonly PriceTier[]): string[] {
  const line = row.line;
  const problems: string[] = [];
  for (const { field, label } of REQUIRED) {
    if (line[field] === undefined && issuesOn(row, field).length === 0 && !covered.has(field)) {
      problems.push(`no ${label} (${cellOf(row, field)})`);
      covered.add(field);
    }
  }
  if (line.endDate === undefined && issuesOn(row, 'endDate').length === 0 && issuesOn(row, 'termMonths').length === 0) {
    problems.push(`no End Date or Term (Months) (${cellOf(row, 'endDate')})`);
  }
  if (line.startDate !== undefined && line.endDate !== undefined && line.endDate < line.startDate) {
    problems.push(`End Date ${toISO(line.endDate)} is before Start Date ${toISO(line.startDate)} (${cellOf(row, 'endDate')})`);
    covered.add('endDate');
  }

  if (!covered.has('currency')) {
    const typed = typedIn(row, 'currency') ? typedText(row, 'currency').toUpperCase() : null;
    const code = typed ?? line.currency ?? null;
    if ((code !== null && !isKnownCurrency(code)) || issuesOn(row, 'currency').length > 0) {
      problems.push(`unknown currency '${typed ?? code ?? ''}' (${cellOf(row, 'currency')})`);
      covered.add('currency');
    }
  }

  const amounts = amountProblems(row, milestones, priceTiers);
  if (amounts.length > 0) {
    problems.push(...amounts);
    for (const f of ['unitPrice', 'totalContractValue', 'quantity', 'tierTable', 'packageSize']) covered.add(f);
  }

  // anything else the parser found wrong with the row (an Issue noted on every line of a
  // contract names another row's cell: its column still tells the field)
  for (const issue of row.issues) {
    if (issue.severity !== 'Error') continue;
    const field = fieldOfCell(row, issue.cell);
    if (field !== undefined && covered.has(field)) continue;
    problems.push(`${issue.problem} (${issue.cell})`);
  }
  return problems;
}

function rowList(rows: readonly ContractRowRecord[]): string {
  return rows.map((r, i) => (i === 0 ? `${r.source.sheet}!A${r.source.row}` : `A${r.source.row}`)).join(', ');
}

export function auditContract(group: ContractGroup, settings: Settings, milestones: readonly Milestone[], priceTiers: readonly PriceTier[]): ContractAudit {
  const covered = new Map(group.rows.map((r) => [r, new Set<string>()] as const));
  const problems = contractLevelProblems(group, covered, settings);
  for (const row of group.rows) problems.push(...rowProblems(row, covered.get(row)!, milestones, priceTiers));
  // the same Issue noted on several lines is one problem
  const unique = [...new Set(problems)];
  const stageRow = group.rows.find((r) => typedIn(r, 'stage'));
  const currencyRow = group.rows.find((r) => typedIn(r, 'currency'));
  return {
    contractId: group.contractId,
    customer: firstOf(group.rows, 'customer') ?? '',
    lines: group.rows.length,
    // shown exactly as typed (a leading tab included); comparisons above use the trimmed text
    stage: stageRow ? (stageRow.line.stage ?? typedText(stageRow, 'stage')) : '',
    closeDate: firstOf(group.rows, 'closeDate') ?? null,
    currency: currencyRow ? typedText(currencyRow, 'currency').toUpperCase() : (firstOf(group.rows, 'currency') ?? settings.reportingCurrency),
    billingReady: unique.length === 0,
    problems: unique,
    rows: rowList(group.rows),
  };
}

export function auditColumns(stats: readonly ColumnStat[]): ColumnAudit[] {
  return stats.map((s) => ({
    column: s.header,
    field: s.field,
    rows: s.rows,
    filled: s.filled,
    valid: s.valid,
    filledShare: s.rows === 0 ? 0 : s.filled / s.rows,
    validShare: s.rows === 0 ? 0 : s.valid / s.rows,
    examples: s.examples.join('; '),
  }));
}

export function auditCrm(
  records: readonly ContractRowRecord[], stats: readonly ColumnStat[], settings: Settings,
  milestones: readonly Milestone[], priceTiers: readonly PriceTier[],
): CrmAudit {
  const contracts = groupContracts(records).map((g) => auditContract(g, settings, milestones, priceTiers));
  const ready = contracts.filter((c) => c.billingReady).length;
  return { contracts, columns: auditColumns(stats), ready, readyShare: contracts.length === 0 ? 0 : ready / contracts.length };
}
