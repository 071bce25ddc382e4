import type { Issue } from '../../core/issue';
import { addDays, addMonthsClamped, toISO, toYMD, type CalendarDate } from '../../core/calendarDate';
import { Decimal, ONE, ZERO } from '../../core/decimal';
import type {
  BillingAnchor, BillingFrequency, BillingTiming, ContractLine, PaymentMethod, PriceBasis, PricingModel, SalesChannel, Settings,
} from '../../core/model';
import type { ColumnStat, ContractRowRecord } from '../../analysis/model';
import { enumKey, idKey, isBlank } from '../cellParse';
import { CanonicalNames, ScopedNames } from './canonical';
import type { SheetRow, SheetTable } from './sheetTable';

/**
 * The Contracts sheet: one row per contract line, several rows with one Contract ID forming a
 * contract. Reading happens in two steps because some rules need the other sheets: first each
 * row on its own (which also fixes the canonical spelling of every ID), then, once Milestones
 * and Price Tiers are read, the contract-wide rules and what is billable.
 */

export interface ContractDraft {
  row: SheetRow;
  line: Partial<ContractLine>;
}

export interface ContractNames {
  contractIds: CanonicalNames;
  /** Products within a contract */
  products: ScopedNames;
  tierTables: CanonicalNames;
  usageMetrics: CanonicalNames;
  jurisdictions: CanonicalNames;
}

export function emptyContractNames(): ContractNames {
  return {
    contractIds: new CanonicalNames(),
    products: new ScopedNames(),
    tierTables: new CanonicalNames(),
    usageMetrics: new CanonicalNames(),
    jurisdictions: new CanonicalNames(),
  };
}

/** HubSpot's "closedwon" and Salesforce's "Closed Won" are one stage; others stay as typed. */
export function normaliseStage(stage: string): string {
  return enumKey(stage) === 'closedwon' ? 'Closed Won' : stage;
}

/** Sets a read value; null (blank, or a bad cell already reported) leaves the field absent. */
function set<K extends keyof ContractLine>(line: Partial<ContractLine>, key: K, value: ContractLine[K] | null | undefined): void {
  if (value !== null && value !== undefined) line[key] = value;
}

/** Step 1: every row read on its own; IDs registered in their first spelling. */
export function readContractRows(table: SheetTable, names: ContractNames): ContractDraft[] {
  return table.rows.map((row) => {
    const line: Partial<ContractLine> = {};
    line.source = row.source;
    const contractId = row.id('contractId', { required: true });
    if (contractId !== null) line.contractId = names.contractIds.add(contractId);
    set(line, 'customer', row.text('customer'));
    line.customerId = row.id('customerId');
    set(line, 'billingEntity', row.text('billingEntity'));
    const product = row.text('product', { required: true });
    if (product !== null) line.product = line.contractId !== undefined ? names.products.add(line.contractId, product) : product;

    readDates(row, line);

    set(line, 'billingFrequency', row.enumeration<BillingFrequency>('billingFrequency', { required: true }));
    set(line, 'billingTiming', row.enumeration<BillingTiming>('billingTiming') ?? (row.blank('billingTiming') ? 'Advance' : null));
    set(line, 'billingAnchor', row.enumeration<BillingAnchor>('billingAnchor') ?? (row.blank('billingAnchor') ? 'Anniversary' : null));
    set(line, 'pricingModel', row.enumeration<PricingModel>('pricingModel') ?? (row.blank('pricingModel') ? 'Flat' : null));

    const quantity = row.decimal('quantity');
    if (quantity !== null && quantity.isNegative()) row.error('quantity', 'Quantity is negative', 'Type a quantity of 0 or more');
    else set(line, 'quantity', quantity ?? (row.blank('quantity') ? ONE : null));
    set(line, 'unitPrice', row.money('unitPrice'));
    if (row.blank('unitPrice')) line.unitPrice = null;
    const basis = row.enumeration<Exclude<PriceBasis, null>>('priceBasis');
    if (basis !== null || row.blank('priceBasis')) line.priceBasis = basis;
    set(line, 'totalContractValue', row.money('totalContractValue'));
    if (row.blank('totalContractValue')) line.totalContractValue = null;

    const discount = row.percent('discountPct');
    if (discount !== null && (discount.isNegative() || discount.greaterThan(1))) {
      row.error('discountPct', `Discount ${discount.times(100).toString()}% is outside 0-100%`, 'Type a discount from 0 to 100, e.g. 15 or 15%');
    } else set(line, 'discountPct', discount ?? (row.blank('discountPct') ? ZERO : null));

    set(line, 'currency', row.currency('currency'));
    set(line, 'paymentTerms', row.paymentTerms('paymentTerms'));
    const method = row.enumeration<PaymentMethod>('paymentMethod');
    if (method !== null || row.blank('paymentMethod')) line.paymentMethod = method;
    const jurisdiction = row.id('taxJurisdiction');
    line.taxJurisdiction = jurisdiction === null ? null : names.jurisdictions.add(jurisdiction);
    set(line, 'taxExempt', row.boolean('taxExempt') ?? (row.blank('taxExempt') ? false : null));
    const metric = row.id('usageMetric');
    line.usageMetric = metric === null ? null : names.usageMetrics.add(metric);
    const includedUnits = nonNegative(row, 'includedUnits', 'Included Units');
    if (includedUnits !== undefined) line.includedUnits = includedUnits;
    const tierTable = row.id('tierTable');
    line.tierTable = tierTable === null ? null : names.tierTables.add(tierTable);
    const packageSize = row.decimal('packageSize');
    if (packageSize !== null && !packageSize.greaterThan(0)) {
      row.error('packageSize', 'Package Size must be more than 0', 'Type the number of units in one package, e.g. 1000');
    } else if (packageSize !== null || row.blank('packageSize')) line.packageSize = packageSize;
    const minimumCommit = nonNegative(row, 'minimumCommit', 'Minimum Commit');
    if (minimumCommit !== undefined) line.minimumCommit = minimumCommit;
    const channel = row.enumeration<SalesChannel>('salesChannel');
    if (channel !== null || row.blank('salesChannel')) line.salesChannel = channel;
    const closeDate = row.date('closeDate');
    if (closeDate !== null || row.blank('closeDate')) line.closeDate = closeDate;
    const stage = row.text('stage');
    line.stage = stage === null ? null : normaliseStage(stage);
    line.owner = row.text('owner');
    line.poNumber = row.id('poNumber');
    line.billingContact = row.text('billingContact');
    line.billingEmail = row.text('billingEmail');
    line.billToAddress = row.text('billToAddress');

    requireByKind(row, line);
    return { row, line };
  });
}

/** The value, null when blank, undefined when the cell was bad (so the field stays absent). */
function nonNegative(row: SheetRow, field: string, label: string): Decimal | null | undefined {
  const value = row.decimal(field);
  if (value !== null && value.isNegative()) {
    row.error(field, `${label} is negative`, `Type ${label} as 0 or more`);
    return undefined;
  }
  return value ?? (row.blank(field) ? null : undefined);
}

/** Start, End and Term: End = Start + Term months - 1 day; both given must agree. */
function readDates(row: SheetRow, line: Partial<ContractLine>): void {
  const start = row.date('startDate', { required: true });
  if (start !== null) line.startDate = start;
  const end = row.date('endDate');
  let term = row.integer('termMonths');
  if (term !== null && term < 1) {
    row.error('termMonths', `Term (Months) ${term} is not a positive number of months`, 'Type the term in whole months, e.g. 12');
    term = null;
  }
  line.termMonths = term;
  if (row.blank('endDate') && row.blank('termMonths')) {
    const field = row.table.hasColumn('endDate') ? 'endDate' : row.table.hasColumn('termMonths') ? 'termMonths' : null;
    if (field === null) row.note(row.table.missingColumn('endDate', 'End Date or Term (Months)'));
    else row.error(field, 'Neither End Date nor Term (Months) is given', 'Type the last day of service as End Date (yyyy-mm-dd) or the Term (Months)');
    return;
  }
  if (start === null) {
    if (end !== null) line.endDate = end;
    return;
  }
  // Excel's calendar ends on 9999-12-31; a term past it is a typo, and would schedule forever.
  if (term !== null && term > monthsLeftInExcel(start)) {
    row.error('termMonths', `Term (Months) ${term} runs past 9999-12-31, the last date Excel can hold`,
      'Type the term in whole months, e.g. 12, 24 or 36');
    return;
  }
  const fromTerm = term !== null ? addDays(addMonthsClamped(start, term), -1) : null;
  if (end !== null && fromTerm !== null && end !== fromTerm) {
    row.error('endDate', `End Date ${toISO(end)} disagrees with Start Date + Term (Months) ${term} - 1 day = ${toISO(fromTerm)}`,
      `Type End Date ${toISO(fromTerm)}, or correct Term (Months), or leave one of them blank`);
    return;
  }
  const endDate = end ?? fromTerm;
  if (endDate === null) return;
  if (endDate < start) {
    row.error(end !== null ? 'endDate' : 'termMonths', `End Date ${toISO(endDate)} is before Start Date ${toISO(start)}`,
      'Type an End Date on or after the Start Date');
    return;
  }
  line.endDate = endDate;
}

/** The longest term whose last day (start + term months - 1 day) is on or before 9999-12-31. */
function monthsLeftInExcel(start: CalendarDate): number {
  const { year, month, day } = toYMD(start);
  return (9999 - year) * 12 + (12 - month) + (day === 1 ? 1 : 0);
}

/** What a line needs given its frequency and pricing model (workbook.md, Contracts). */
function requireByKind(row: SheetRow, line: Partial<ContractLine>): void {
  const frequency = line.billingFrequency;
  const model = line.pricingModel;
  if (frequency === 'Usage' && row.blank('usageMetric')) {
    row.error('usageMetric', 'A Usage line needs a Usage Metric', 'Type the metric name used on the Usage sheet, e.g. API Calls');
  }
  if ((model === 'Tiered' || model === 'Volume') && row.blank('tierTable')) {
    row.error('tierTable', `A ${model} line needs a Tier Table`, 'Type the name of its table on the Price Tiers sheet');
  }
  if (model === 'Package' && row.blank('packageSize')) {
    row.error('packageSize', 'A Package line needs a Package Size', 'Type the number of units in one package, e.g. 1000');
  }
  if (frequency === undefined || frequency === 'Milestone' || (model !== 'Flat' && model !== 'Package')) return;
  if (frequency === 'Usage') {
    if (row.blank('unitPrice')) row.error('unitPrice', `A ${model} usage line needs a Unit Price`, 'Type the price per unit (per package for Package)');
    return;
  }
  if (row.blank('unitPrice') && row.blank('totalContractValue')) {
    row.error(row.table.hasColumn('unitPrice') || !row.table.hasColumn('totalContractValue') ? 'unitPrice' : 'totalContractValue',
      'Neither Unit Price nor Total Contract Value is given', 'Type the Unit Price, or the line\'s Total Contract Value');
  }
}

/** The keys other sheets supply that some contract lines need. */
export interface CrossSheetKeys {
  /** idKey(contractId) + '\u0000' + idKey(product) of every Milestones row read */
  milestones: Set<string>;
  /** idKey of every Tier Table on Price Tiers */
  tierTables: Set<string>;
}

export function milestoneKey(contractId: string, product: string): string {
  return `${idKey(contractId)}\u0000${idKey(product)}`;
}

const CONTRACT_LEVEL = [
  { field: 'customer', key: (l: Partial<ContractLine>) => (l.customer === undefined ? null : idKey(l.customer)) },
  { field: 'currency', key: (l: Partial<ContractLine>) => l.currency ?? null },
  { field: 'paymentTerms', key: (l: Partial<ContractLine>) => l.paymentTerms?.label ?? null },
  { field: 'billingEntity', key: (l: Partial<ContractLine>) => (l.billingEntity === undefined ? null : idKey(l.billingEntity)) },
] as const;

function shown(line: Partial<ContractLine>, field: string): string {
  if (field === 'paymentTerms') return line.paymentTerms?.label ?? '';
  return String(line[field as keyof ContractLine] ?? '');
}

/**
 * Step 2: cross-sheet needs, contract-level fields (a blank inherits the contract's value, two
 * different values skip every line of the contract), defaults from Settings, billable lines.
 */
export function finishContracts(
  table: SheetTable,
  drafts: ContractDraft[],
  settings: Settings,
  keys: CrossSheetKeys,
): { lines: ContractLine[]; rows: ContractRowRecord[]; skippedContractIds: string[]; columnStats: ColumnStat[] } {
  for (const { row, line } of drafts) {
    if (line.billingFrequency === 'Milestone' && line.contractId !== undefined && line.product !== undefined
      && !keys.milestones.has(milestoneKey(line.contractId, line.product))) {
      row.error('billingFrequency', `Milestone line ${line.contractId} / ${line.product} has no rows on the Milestones sheet`,
        'Add its milestones (Contract ID, Product, Milestone, Date, Amount) to the Milestones sheet');
    }
    if ((line.pricingModel === 'Tiered' || line.pricingModel === 'Volume') && line.tierTable
      && !keys.tierTables.has(idKey(line.tierTable))) {
      row.error('tierTable', `Tier Table '${line.tierTable}' has no rows on the Price Tiers sheet`,
        'Add the table to Price Tiers, or type the name of one that is there');
    }
  }

  const contracts = new Map<string, ContractDraft[]>();
  for (const draft of drafts) {
    if (draft.line.contractId === undefined) continue;
    const group = contracts.get(draft.line.contractId) ?? [];
    group.push(draft);
    contracts.set(draft.line.contractId, group);
  }

  const conflicted = new Set<string>();
  for (const [contractId, group] of contracts) {
    const conflicts: Issue[] = [];
    const conflictText: string[] = [];
    const fieldsInConflict: string[] = [];
    for (const level of CONTRACT_LEVEL) {
      const withValue = group.filter((d) => level.key(d.line) !== null);
      const first = withValue[0];
      const differing = withValue.find((d) => level.key(d.line) !== level.key(first.line));
      if (differing) {
        const header = table.headerOf(level.field);
        conflictText.push(`${header} '${shown(differing.line, level.field)}' in ${differing.row.address(level.field)} differs from '${shown(first.line, level.field)}' in ${first.row.address(level.field)}`);
        fieldsInConflict.push(header);
        conflicts.push(differing.row.error(level.field,
          `${header} '${shown(differing.line, level.field)}' differs from '${shown(first.line, level.field)}' in ${first.row.address(level.field)}; a contract has one ${header}, so every line of contract ${contractId} is skipped`,
          `Type the same ${header} on every line of contract ${contractId}, or leave it blank to inherit`));
        continue;
      }
      for (const d of group) inherit(d, level.field, first?.line, settings);
    }
    if (conflicts.length > 0) {
      conflicted.add(contractId);
      // every skipped row is named on Issues by a cell of its own (Error = the row was skipped)
      for (const d of group) {
        if (d.row.ownErrors === 0) {
          d.row.skipBecause('contractId', `This line is skipped with every line of contract ${contractId}: ${conflictText.join('; ')}`,
            `Type the same ${fieldsInConflict.join(' and ')} on every line of contract ${contractId}, or leave it blank to inherit`);
        }
      }
      for (const d of group) for (const issue of conflicts) d.row.note(issue);
    }
  }
  for (const draft of drafts) {
    if (draft.line.contractId === undefined) for (const level of CONTRACT_LEVEL) inherit(draft, level.field, undefined, settings);
  }

  const lines: ContractLine[] = [];
  const rows: ContractRowRecord[] = drafts.map(({ row, line }) => {
    const billable = !row.hasError && !(line.contractId !== undefined && conflicted.has(line.contractId));
    if (billable) lines.push(line as ContractLine);
    // The cells as typed, before defaults and inheritance: the audit tells typed from defaulted by them.
    const cells = Object.fromEntries(Object.keys(row.source.columns).map((field) => [field, row.raw(field) ?? null]));
    return { source: row.source, line, issues: row.issues, billable, cells };
  });
  const billableDrafts = new Set(drafts.filter((_d, i) => rows[i].billable));
  const skippedContractIds = [...contracts.entries()]
    .filter(([, group]) => group.every((d) => !billableDrafts.has(d)))
    .map(([id]) => id);
  return { lines, rows, skippedContractIds, columnStats: columnStats(table) };
}

/** A blank contract-level field takes the contract's value, else the Settings default. */
function inherit(draft: ContractDraft, field: string, from: Partial<ContractLine> | undefined, settings: Settings): void {
  const { row, line } = draft;
  const key = field as 'customer' | 'currency' | 'paymentTerms' | 'billingEntity';
  // a cell that failed to parse already skipped its row
  if (!row.blank(field) && line[key] === undefined) return;
  // values that agree (Acme / ACME) take the first spelling, so one contract has one name
  switch (key) {
    case 'customer':
      if (from?.customer !== undefined) line.customer = from.customer;
      else if (row.table.hasColumn('customer')) row.error('customer', 'Customer is blank on every line of this contract', 'Type the billed customer\'s name');
      else row.note(row.table.missingColumn('customer'));
      return;
    case 'currency':
      line.currency = from?.currency ?? settings.reportingCurrency;
      return;
    case 'paymentTerms':
      line.paymentTerms = from?.paymentTerms ?? settings.defaultPaymentTerms;
      return;
    case 'billingEntity':
      line.billingEntity = from?.billingEntity ?? settings.billingEntity;
      return;
  }
}

/** The CRM Column Audit's figures: per typed column, rows filled and rows read without an Error. */
function columnStats(table: SheetTable): ColumnStat[] {
  const width = table.headers.length;
  const errorCells = new Set<number>();
  for (const l of table.log) if (l.issue.severity === 'Error' && l.column !== null && l.row !== null) errorCells.add(l.row * width + l.column);
  const stats: ColumnStat[] = [];
  table.headers.forEach((header, column) => {
    if (header === '') return;
    let filled = 0;
    let valid = 0;
    for (const row of table.rows) {
      if (isBlank(table.grid.values[row.index]?.[column])) continue;
      filled++;
      if (!errorCells.has(row.index * width + column)) valid++;
    }
    const examples = table.log
      .filter((l) => l.column === column)
      .slice(0, 3)
      .map((l) => `${l.issue.cell}: ${l.issue.problem}`);
    stats.push({ header, field: table.match.fieldOf[column], rows: table.rows.length, filled, valid, examples });
  });
  return stats;
}
