import { cellAddress, type Issue } from '../core/issue';
import type { ContractLine, Settings } from '../core/model';
import type { ContractRowRecord } from './model';

/**
 * Reading the audit's Contracts rows: what the user typed, which Issues name a field, and which
 * rows form one contract. Contract IDs compare as trimmed, case-insensitive text.
 */
export type ContractField = keyof ContractLine & string;

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Whether the user typed a value for `field` on this row (a default filled in by the parser does
 * not count). Without `cells`, Payment Terms that are the very Settings default object were filled
 * in, not typed (the parser hands the default itself to a blank cell).
 */
export function typedIn(record: ContractRowRecord, field: ContractField, settings?: Settings): boolean {
  if (record.cells) return !isBlank(record.cells[field]);
  if (record.source.columns[field] === undefined) return false;
  if (field === 'paymentTerms' && settings && record.line.paymentTerms === settings.defaultPaymentTerms) return false;
  if (!isBlank(record.line[field])) return true;
  // a cell that failed to parse was typed: its Issue carries the text
  return issuesOn(record, field).some((i) => i.value.trim() !== '');
}

/** The raw text the user typed for `field`, for messages. */
export function typedText(record: ContractRowRecord, field: ContractField): string {
  const raw = record.cells ? record.cells[field] : record.line[field];
  if (raw === null || raw === undefined || raw === '') {
    const fromIssue = issuesOn(record, field).find((i) => i.value.trim() !== '');
    return fromIssue ? fromIssue.value.trim() : '';
  }
  if (typeof raw === 'object' && 'label' in raw) return String(raw.label);
  return String(raw).trim();
}

/** The ContractLine field whose column an Issue's cell is in (any row), if any. */
export function fieldOfCell(record: ContractRowRecord, cell: string): string | undefined {
  const letters = /!([A-Z]+)\d+$/.exec(cell)?.[1];
  if (letters === undefined) return undefined;
  return Object.keys(record.source.columns).find((f) => record.source.columns[f] === letters);
}

/** The Issues raised on the cell of `field` in this row. */
export function issuesOn(record: ContractRowRecord, field: ContractField): Issue[] {
  if (record.source.columns[field] === undefined) return [];
  const address = cellAddress(record.source, field);
  return record.issues.filter((i) => i.cell === address);
}

export function cellOf(record: ContractRowRecord, field: ContractField): string {
  return cellAddress(record.source, field);
}

export function normalisedId(value: string): string {
  return value.trim().toLowerCase();
}

export interface ContractGroup {
  /** the Contract ID as first typed; "(no Contract ID: Contracts!A7)" for a row without one */
  contractId: string;
  rows: ContractRowRecord[];
}

/** Rows grouped into contracts, in order of first appearance. */
export function groupContracts(records: readonly ContractRowRecord[]): ContractGroup[] {
  const groups = new Map<string, ContractGroup>();
  for (const record of records) {
    const id = record.line.contractId;
    const key = id && id.trim() !== '' ? normalisedId(id) : `#${record.source.sheet}!${record.source.row}`;
    const display = id && id.trim() !== '' ? id.trim() : `(no Contract ID: ${cellAddress(record.source)})`;
    const group = groups.get(key);
    if (group) group.rows.push(record);
    else groups.set(key, { contractId: display, rows: [record] });
  }
  return [...groups.values()];
}

/** The first value of `field` any row of the contract holds (contract-level fields inherit across lines). */
export function firstOf<K extends ContractField>(rows: readonly ContractRowRecord[], field: K): ContractLine[K] | undefined {
  for (const r of rows) {
    const v = r.line[field];
    if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) return v as ContractLine[K];
  }
  return undefined;
}

/** The Contracts column each field is read from, as workbook.md names it. */
export const CONTRACT_FIELD_LABELS: Readonly<Record<string, string>> = {
  contractId: 'Contract ID', customer: 'Customer', customerId: 'Customer ID', billingEntity: 'Billing Entity', product: 'Product',
  startDate: 'Start Date', endDate: 'End Date', termMonths: 'Term (Months)', billingFrequency: 'Billing Frequency',
  billingTiming: 'Billing Timing', billingAnchor: 'Billing Anchor', pricingModel: 'Pricing Model', quantity: 'Quantity',
  unitPrice: 'Unit Price', priceBasis: 'Price Basis', totalContractValue: 'Total Contract Value', discountPct: 'Discount %',
  currency: 'Currency', paymentTerms: 'Payment Terms', paymentMethod: 'Payment Method', taxJurisdiction: 'Tax Jurisdiction',
  taxExempt: 'Tax Exempt', usageMetric: 'Usage Metric', includedUnits: 'Included Units', tierTable: 'Tier Table',
  packageSize: 'Package Size', minimumCommit: 'Minimum Commit', salesChannel: 'Sales Channel', closeDate: 'Close Date',
  stage: 'Stage', owner: 'Owner', poNumber: 'PO Number', billingContact: 'Billing Contact', billingEmail: 'Billing Email',
  billToAddress: 'Bill-To Address',
};
