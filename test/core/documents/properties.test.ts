import fc from 'fast-check';
import { controlTotals } from '../../../src/core/controlTotals';
import { Decimal, sum } from '../../../src/core/decimal';
import { buildDocuments } from '../../../src/core/documents';
import type { CalendarDate } from '../../../src/core/calendarDate';
import type { BillingInputs, BilledLine } from '../../../src/core/model';
import { taxRateOn } from '../../../src/core/tax';
import { minorUnits, roundMoney } from '../../../src/core/money';
import { buildRevenueSchedule } from '../../../src/core/revenue';
import { bookArb, buildBook } from './randomBook';

/**
 * billing.md, "Properties that must always hold", on random books. fast-check prints the seed
 * and counterexample path of a failure; FC_SEED=<seed> replays it.
 */
const params: fc.Parameters<unknown> = {
  numRuns: 1000,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};

/** 1000 books per property is CPU-heavy; a busy machine must not turn that into a timeout. */
const PROPERTY_TIMEOUT = 600_000;

function run(plan: Parameters<typeof buildBook>[0]) {
  const book = buildBook(plan);
  const documents = buildDocuments(book.lines, book.inputs);
  const revenue = buildRevenueSchedule(documents.lines, book.inputs);
  return { book, documents, revenue, totals: controlTotals(documents.lines, documents.documents, revenue.rows) };
}

/**
 * An invoice's tax recomputed from the rule, not from its lines: per jurisdiction
 * round(sum of taxable Net x rate), each line's share within one minor unit of its exact
 * pro-rata share.
 */
function checkInvoiceTax(number: string, date: CalendarDate, currency: string, lines: BilledLine[], inputs: BillingInputs): string[] {
  const wrong: string[] = [];
  const unit = new Decimal(10).pow(-minorUnits(currency));
  const byJurisdiction = new Map<string, { rate: Decimal; lines: BilledLine[] }>();
  let expected = new Decimal(0);
  for (const line of lines) {
    const jurisdiction = (line.contract.taxJurisdiction ?? '').trim();
    const found = line.contract.taxExempt || jurisdiction === '' ? 'untaxed' : taxRateOn(inputs.taxRates, jurisdiction, date);
    if (typeof found === 'string') {
      if (!line.tax.isZero()) wrong.push(`${number} ${line.lineId} should be untaxed (${found})`);
      continue;
    }
    const key = jurisdiction.toUpperCase();
    byJurisdiction.set(key, { rate: found.rate, lines: [...(byJurisdiction.get(key)?.lines ?? []), line] });
  }
  for (const [jurisdiction, { rate, lines: taxed }] of byJurisdiction) {
    const net = sum(taxed.map((l) => l.netAmount));
    const tax = roundMoney(net.times(rate), currency, inputs.settings.rounding);
    expected = expected.plus(tax);
    if (!sum(taxed.map((l) => l.tax)).equals(tax)) wrong.push(`${number} ${jurisdiction} tax != round(${net} x ${rate})`);
    for (const l of taxed) {
      const exact = net.isZero() ? new Decimal(0) : tax.times(l.netAmount).div(net);
      if (l.tax.minus(exact).abs().gte(unit)) wrong.push(`${number} ${l.lineId} tax ${l.tax} far from ${exact}`);
    }
  }
  if (!expected.equals(sum(lines.map((l) => l.tax)))) wrong.push(`${number} tax`);
  return wrong;
}

function fits(value: Decimal | null, currency: string): boolean {
  return value === null || value.decimalPlaces() <= minorUnits(currency);
}

describe('document properties', () => {
  it('every document: Subtotal + Tax = Total, its lines sum to it, and invoice tax is round(taxable Net x rate) per jurisdiction', () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const { book, documents } = run(plan);
        const wrong: string[] = [];
        const byNumber = new Map<string, BilledLine[]>();
        for (const line of documents.lines) {
          if (line.documentNumber === null) wrong.push(`${line.lineId} has no document`);
          else byNumber.set(line.documentNumber, [...(byNumber.get(line.documentNumber) ?? []), line]);
          if (!line.total.equals(line.netAmount.plus(line.tax))) wrong.push(`${line.lineId} Net + Tax != Total`);
        }
        if (byNumber.size !== documents.documents.length) wrong.push('lines name documents that do not exist');
        for (const doc of documents.documents) {
          const lines = byNumber.get(doc.number) ?? [];
          if (!doc.subtotal.plus(doc.tax).equals(doc.total)) wrong.push(`${doc.number} Subtotal + Tax != Total`);
          if (!sum(lines.map((l) => l.tax)).equals(doc.tax)) wrong.push(`${doc.number} lines' Tax != Tax`);
          if (!sum(lines.map((l) => l.netAmount)).equals(doc.subtotal)) wrong.push(`${doc.number} lines' Net != Subtotal`);
          if (lines.length !== doc.lines) wrong.push(`${doc.number} Lines`);
          if (!doc.number.startsWith(doc.document === 'Credit Memo' ? 'CM-' : 'INV-')) wrong.push(`${doc.number} prefix`);
          if (doc.document === 'Invoice') wrong.push(...checkInvoiceTax(doc.number, doc.invoiceDate, doc.currency, lines, book.inputs));
        }
        expect(wrong).toEqual([]);
      }),
      params,
    );
  }, PROPERTY_TIMEOUT);

  it('a credit\'s tax mirrors its charge and all credits of a charge never give back more tax than it carried', () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const { documents } = run(plan);
        const byId = new Map(documents.lines.map((l) => [l.lineId, l]));
        const givenBack = new Map<string, Decimal>();
        for (const credit of documents.lines.filter((l) => l.lineType === 'Credit')) {
          expect(credit.tax.lte(0)).toBe(true);
          const key = credit.creditOf!;
          givenBack.set(key, (givenBack.get(key) ?? new Decimal(0)).plus(credit.tax.negated()));
        }
        for (const [chargeId, total] of givenBack) {
          expect(total.lte(byId.get(chargeId)!.tax)).toBe(true);
        }
      }),
      params,
    );
  }, PROPERTY_TIMEOUT);

  it('no amount has more decimals than its currency allows', () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const { book, documents, revenue } = run(plan);
        const reporting = book.inputs.settings.reportingCurrency;
        const wrong: string[] = [];
        for (const l of documents.lines) {
          if (![l.tax, l.total].every((v) => fits(v, l.contract.currency))) wrong.push(`${l.lineId} tax/total`);
          if (!fits(l.reportingAmount, reporting)) wrong.push(`${l.lineId} reporting amount`);
        }
        for (const doc of documents.documents) {
          if (![doc.subtotal, doc.tax, doc.total].every((v) => fits(v, doc.currency))) wrong.push(doc.number);
        }
        for (const r of revenue.rows) {
          const at = `${r.contractId} ${r.product} ${r.month}`;
          if (![r.billed, r.recognized, r.deferredRevenue, r.unbilled].every((v) => fits(v, r.currency))) wrong.push(at);
          if (!fits(r.reportingBilled, reporting) || !fits(r.reportingRecognized, reporting)) wrong.push(`${at} reporting`);
        }
        expect(wrong).toEqual([]);
      }),
      params,
    );
  }, PROPERTY_TIMEOUT);

  it('recognized revenue over each contract and Product\'s life equals its billed Net Amount, with nothing left deferred or unbilled', () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const { documents, revenue } = run(plan);
        const net = new Map<string, Decimal>();
        for (const l of documents.lines) {
          const key = `${l.contract.contractId}|${l.contract.product}`;
          net.set(key, (net.get(key) ?? new Decimal(0)).plus(l.netAmount));
        }
        const billed = new Map<string, Decimal>();
        const recognized = new Map<string, Decimal>();
        const last = new Map<string, (typeof revenue.rows)[number]>();
        for (const r of revenue.rows) {
          const key = `${r.contractId}|${r.product}`;
          billed.set(key, (billed.get(key) ?? new Decimal(0)).plus(r.billed));
          recognized.set(key, (recognized.get(key) ?? new Decimal(0)).plus(r.recognized));
          const previous = last.get(key);
          if (previous) expect(r.month > previous.month).toBe(true);
          last.set(key, r);
        }
        expect([...net.keys()].sort()).toEqual([...recognized.keys()].sort());
        for (const [key, amount] of net) {
          expect(recognized.get(key)!.toString()).toBe(amount.toString());
          expect(billed.get(key)!.toString()).toBe(amount.toString());
          expect(last.get(key)!.deferredRevenue.isZero() && last.get(key)!.unbilled.isZero()).toBe(true);
        }
      }),
      params,
    );
  }, PROPERTY_TIMEOUT);

  it('control totals tie per currency', () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const { book, totals } = run(plan);
        expect(totals.every((t) => t.ties)).toBe(true);
        expect(totals.map((t) => t.currency)).toEqual([...new Set(book.lines.map((l) => l.contract.currency))].sort());
      }),
      params,
    );
  }, PROPERTY_TIMEOUT);

  it('the same input gives the same output, whatever order the schedule lines come in', () => {
    fc.assert(
      fc.property(bookArb, fc.integer(), (plan, shuffleSeed) => {
        const book = buildBook(plan);
        const shuffled = [...book.lines];
        let s = shuffleSeed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = buildDocuments(book.lines, book.inputs);
        const b = buildDocuments(shuffled, book.inputs);
        const byId = (lines: BilledLine[]) => [...lines].sort((x, y) => (x.lineId < y.lineId ? -1 : x.lineId > y.lineId ? 1 : 0));
        expect(JSON.stringify(b.documents)).toBe(JSON.stringify(a.documents));
        expect(JSON.stringify(byId(b.lines))).toBe(JSON.stringify(byId(a.lines)));
        expect(JSON.stringify(b.issues)).toBe(JSON.stringify(a.issues));
        expect(JSON.stringify(buildRevenueSchedule(b.lines, book.inputs))).toBe(JSON.stringify(buildRevenueSchedule(a.lines, book.inputs)));
      }),
      { ...params, numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT);
});
