import type { CalendarDate } from '../core/calendarDate';
import type { BillingDocument, BilledLine } from '../core/model';
import type { ActualInvoice } from './model';
import type { ContractFacts } from './contracts';
import { MATCH_WINDOW_DAYS, idKey, isInMatchWindow, monthOf } from './identity';

/**
 * Matching actual invoices (billing-system export) to expected documents (Draft Invoices),
 * reconciliation.md "Matching", in order, each actual and each expected document used once:
 * (1) Contract ID + Period Start (not for Stripe exports, whose period looks back one period);
 * (2) Contract ID + invoice dates at most 5 days apart, nearest first;
 * (3) one actual equal to the sum of two unmatched expected documents of that contract.
 * An actual without a Contract ID is matched by Customer (ID, else name) in steps 2 and 3.
 * A pair is only eligible when the actual is dated inside the expected document's month
 * window (5 days either side), so each month reconciles the same pairs whichever month is run.
 */

export type MatchRule =
  | 'Contract ID + Period Start'
  | 'Contract ID + Invoice Date'
  | 'Customer + Invoice Date'
  | 'Contract ID + sum of two documents'
  | 'Customer + sum of two documents';

export interface ExpectedDocument {
  document: BillingDocument;
  /** first of the month of its Invoice Date */
  month: CalendarDate;
  /** earliest Period Start of its Billing Schedule lines; null when none were found */
  periodStart: CalendarDate | null;
  contractKey: string;
  /** Customer ID of its contract (from Contracts), when known */
  customerId: string | null;
  order: number;
}

export interface InvoiceMatch {
  actual: ActualInvoice;
  /** one document, or two for step 3 */
  expected: ExpectedDocument[];
  rule: MatchRule;
  step: 1 | 2 | 3;
}

export interface MatchResult {
  matches: InvoiceMatch[];
  byActual: Map<ActualInvoice, InvoiceMatch>;
  byExpected: Map<BillingDocument, InvoiceMatch>;
}

function lineDocumentKey(contractId: string, entity: string, currency: string, date: CalendarDate, credit: boolean): string {
  return [idKey(contractId), idKey(entity), idKey(currency), date, credit ? 'CM' : 'INV'].join('|');
}

/** Each document's earliest Period Start, from its lines' Document number, else its grouping key. */
function documentPeriodStarts(lines: BilledLine[]): { byNumber: Map<string, CalendarDate>; byKey: Map<string, CalendarDate> } {
  const byNumber = new Map<string, CalendarDate>();
  const byKey = new Map<string, CalendarDate>();
  const keep = (map: Map<string, CalendarDate>, key: string, date: CalendarDate) => {
    const seen = map.get(key);
    if (seen === undefined || date < seen) map.set(key, date);
  };
  for (const line of lines) {
    if (line.documentNumber) {
      keep(byNumber, line.documentNumber, line.periodStart);
      continue;
    }
    const key = lineDocumentKey(line.contract.contractId, line.contract.billingEntity, line.contract.currency, line.invoiceDate, line.lineType === 'Credit');
    keep(byKey, key, line.periodStart);
  }
  return { byNumber, byKey };
}

export function expectedDocuments(
  documents: BillingDocument[],
  lines: BilledLine[],
  contracts: Map<string, ContractFacts>,
): ExpectedDocument[] {
  const starts = documentPeriodStarts(lines);
  const sorted = [...documents].sort((a, b) => a.invoiceDate - b.invoiceDate || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  return sorted.map((document, order) => {
    const contractKey = idKey(document.contractId) ?? '';
    const periodStart =
      starts.byNumber.get(document.number) ??
      (starts.byKey.size === 0
        ? null
        : starts.byKey.get(lineDocumentKey(document.contractId, document.billingEntity, document.currency, document.invoiceDate, document.document === 'Credit Memo')) ?? null);
    return {
      document,
      month: monthOf(document.invoiceDate),
      periodStart,
      contractKey,
      customerId: contracts.get(contractKey)?.customerId ?? null,
      order,
    };
  });
}

/** Non-void actual invoices, Stripe drafts ignored, in a fixed order (date, Invoice ID, sheet row). */
export function countableInvoices(invoices: ActualInvoice[]): ActualInvoice[] {
  return invoices
    .filter((i) => i.status !== 'Void' && i.status !== 'Draft')
    .sort((a, b) => a.invoiceDate - b.invoiceDate || (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0) || a.source.row - b.source.row);
}

/** Same party: Contract ID when the actual has one, else Customer (ID when both sides have one, else name). */
function sameParty(actual: ActualInvoice, expected: ExpectedDocument): boolean {
  const contract = idKey(actual.contractId);
  if (contract !== null) return contract === expected.contractKey;
  const actualId = idKey(actual.customerId);
  const expectedId = idKey(expected.customerId);
  if (actualId !== null && expectedId !== null) return actualId === expectedId;
  const name = idKey(actual.customer);
  return name !== null && name === idKey(expected.document.customer);
}

/** A negative Subtotal is a credit memo and matches expected credit memos (steps 1 and 2). */
function sameKind(actual: ActualInvoice, expected: ExpectedDocument): boolean {
  return actual.subtotal.isNegative() === (expected.document.document === 'Credit Memo');
}

function sameCurrency(actual: ActualInvoice, expected: ExpectedDocument): boolean {
  return idKey(actual.currency) === idKey(expected.document.currency);
}

function eligible(actual: ActualInvoice, expected: ExpectedDocument): boolean {
  return isInMatchWindow(actual.invoiceDate, expected.month) && sameParty(actual, expected);
}

interface Candidate {
  actual: ActualInvoice;
  actualOrder: number;
  expected: ExpectedDocument;
  rank: number[];
}

function takeGreedily(candidates: Candidate[], result: MatchResult, ruleOf: (c: Candidate) => MatchRule, step: 1 | 2): void {
  candidates.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
    return a.actualOrder - b.actualOrder || a.expected.order - b.expected.order;
  });
  for (const c of candidates) {
    if (result.byActual.has(c.actual) || result.byExpected.has(c.expected.document)) continue;
    record(result, { actual: c.actual, expected: [c.expected], rule: ruleOf(c), step });
  }
}

function record(result: MatchResult, match: InvoiceMatch): void {
  result.matches.push(match);
  result.byActual.set(match.actual, match);
  for (const e of match.expected) result.byExpected.set(e.document, match);
}

interface ExpectedIndex {
  byContract: Map<string, ExpectedDocument[]>;
  byCustomerId: Map<string, ExpectedDocument[]>;
  byCustomerName: Map<string, ExpectedDocument[]>;
}

function addTo(map: Map<string, ExpectedDocument[]>, key: string | null, e: ExpectedDocument): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function indexExpected(expected: ExpectedDocument[]): ExpectedIndex {
  const index: ExpectedIndex = { byContract: new Map(), byCustomerId: new Map(), byCustomerName: new Map() };
  for (const e of expected) {
    addTo(index.byContract, e.contractKey, e);
    addTo(index.byCustomerId, idKey(e.customerId), e);
    addTo(index.byCustomerName, idKey(e.document.customer), e);
  }
  return index;
}

/** Documents that may share the actual's party: its contract's, else its customer's (by ID or by name; sameParty decides). */
function candidatesByParty(actual: ActualInvoice, index: ExpectedIndex): ExpectedDocument[] {
  const contract = idKey(actual.contractId);
  if (contract !== null) return index.byContract.get(contract) ?? [];
  const byId = index.byCustomerId.get(idKey(actual.customerId) ?? '') ?? [];
  const byName = index.byCustomerName.get(idKey(actual.customer) ?? '') ?? [];
  if (byName.length === 0) return byId;
  if (byId.length === 0) return byName;
  return [...new Set([...byId, ...byName])].sort((a, b) => a.order - b.order);
}

/** `actuals` must already be the countable ones (see countableInvoices). */
export function matchInvoices(actuals: ActualInvoice[], expected: ExpectedDocument[]): MatchResult {
  const result: MatchResult = { matches: [], byActual: new Map(), byExpected: new Map() };
  const index = indexExpected(expected);

  // (1) same Contract ID and Period Start
  const step1: Candidate[] = [];
  actuals.forEach((actual, actualOrder) => {
    if (actual.fromStripe || actual.periodStart === null || idKey(actual.contractId) === null) return;
    for (const e of index.byContract.get(idKey(actual.contractId) ?? '') ?? []) {
      if (e.periodStart !== actual.periodStart || !sameKind(actual, e) || !eligible(actual, e)) continue;
      step1.push({ actual, actualOrder, expected: e, rank: [sameCurrency(actual, e) ? 0 : 1, Math.abs(actual.invoiceDate - e.document.invoiceDate)] });
    }
  });
  takeGreedily(step1, result, () => 'Contract ID + Period Start', 1);

  // (2) same Contract ID (else Customer) and invoice dates at most 5 days apart, nearest first
  const step2: Candidate[] = [];
  actuals.forEach((actual, actualOrder) => {
    if (result.byActual.has(actual)) return;
    for (const e of candidatesByParty(actual, index)) {
      const distance = Math.abs(actual.invoiceDate - e.document.invoiceDate);
      if (result.byExpected.has(e.document) || distance > MATCH_WINDOW_DAYS || !sameKind(actual, e) || !eligible(actual, e)) continue;
      const amountGap = actual.subtotal.minus(e.document.subtotal).abs().toNumber();
      step2.push({ actual, actualOrder, expected: e, rank: [distance, sameCurrency(actual, e) ? 0 : 1, amountGap] });
    }
  });
  takeGreedily(step2, result, (c) => (idKey(c.actual.contractId) !== null ? 'Contract ID + Invoice Date' : 'Customer + Invoice Date'), 2);

  // (3) one actual equal to the sum of two unmatched expected documents of that contract (or customer)
  actuals.forEach((actual) => {
    if (result.byActual.has(actual)) return;
    const open = candidatesByParty(actual, index).filter(
      (e) => !result.byExpected.has(e.document) && sameCurrency(actual, e) && eligible(actual, e),
    );
    let best: { pair: [ExpectedDocument, ExpectedDocument]; distance: number } | null = null;
    for (let i = 0; i < open.length; i++) {
      for (let j = i + 1; j < open.length; j++) {
        if (!open[i].document.subtotal.plus(open[j].document.subtotal).equals(actual.subtotal)) continue;
        const distance = Math.abs(actual.invoiceDate - open[i].document.invoiceDate) + Math.abs(actual.invoiceDate - open[j].document.invoiceDate);
        if (best === null || distance < best.distance) best = { pair: [open[i], open[j]], distance };
      }
    }
    if (best) {
      const rule = idKey(actual.contractId) !== null ? 'Contract ID + sum of two documents' : 'Customer + sum of two documents';
      record(result, { actual, expected: best.pair, rule, step: 3 });
    }
  });
  return result;
}

/** The rule as the Reconciliation sheet states it under its table. */
export const MATCHING_RULE: string[] = [
  'Matching rule: actual invoices (Void rows and Stripe drafts ignored) dated from 5 days before to 5 days after the month are matched to the expected documents (Draft Invoices) dated in the month, each at most once, in this order:',
  '(1) same Contract ID and Period Start (skipped for Stripe exports, whose period looks back one period);',
  '(2) same Contract ID and invoice dates at most 5 days apart, nearest first;',
  '(3) one actual invoice equal to the sum of two unmatched expected documents of that contract.',
  'A negative Subtotal is a credit memo and matches expected credit memos. An invoice without a Contract ID (Stripe exports carry none unless a metadata column such as contract_id holds it) is matched by Customer (ID, else name) in steps 2 and 3.',
  'Subtotals are compared (Stripe: Subtotal, never Amount Due). A discrepancy is a difference over the Discrepancy Amount Threshold (in reporting currency, at the expected invoice date\'s rate) or over the Discrepancy Percent Threshold of the expected amount; exactly at a threshold is OK; a currency mismatch is a discrepancy.',
];
