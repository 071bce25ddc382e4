import { analyzeBook } from '../../src/analysis/analyzeBook';
import { rankedTool, renderAnalysisSheets } from '../../src/workbook/render/analysisSheets';
import type { InputGrid } from '../../src/workbook/grid';
import type { SheetSpec } from '../../src/workbook/sheetSpec';
import { amendment, asGrid, cleanRow, input, settings } from './book';

const book = input([cleanRow(2), cleanRow(3)], { amendments: [amendment('C3')], settings: settings({ crm: 'Salesforce', erp: 'NetSuite' }) });

function toolSheet(previous?: InputGrid): SheetSpec {
  return renderAnalysisSheets(analyzeBook(book), { toolSelection: previous }).find((s) => s.name === 'Tool Selection')!;
}

const TOOLS = ['Stripe Billing', 'Chargebee', 'Zuora', 'Lago', 'Kill Bill', 'Metronome', 'Orb', 'Tabs'];

describe('Tool Selection', () => {
  const sheet = toolSheet();

  test('rows are the capabilities the book needs, weighted by the share of contracts', () => {
    expect(sheet.columns.map((c) => c.header)).toEqual(['Capability', 'Evidence', 'Default Weight', 'Weight', ...TOOLS]);
    expect(sheet.rows.slice(0, 10).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['Billing cadences (monthly/quarterly/annual/custom)', 100, 100],
      ['Configurable proration method', 50, 50],
      ['Mid-contract upgrade/downgrade/cancel with credit', 50, 50],
      ['Net terms and due dates', 100, 100],
      ['Credit notes / memos', 50, 50],
      ['Dunning and payment retries', 100, 100],
      ['Revenue recognition (ASC 606)', 100, 100],
      ['ERP sync (NetSuite, QuickBooks)', 100, 100],
      ['CRM sync (Salesforce, HubSpot)', 100, 100],
      ['Audit trail', 100, 100],
    ]);
    expect(sheet.rows[1][1]).toBe('1 of 2 contracts prorate (amendments or calendar partial periods)');
  });

  test('catalog scores, with "unknown" flagged where the catalog has no score', () => {
    expect(sheet.rows[1].slice(4)).toEqual([3, 3, 3, 3, 3, 1, 1, 'unknown']);
    expect(sheet.rows[9].slice(4)).toEqual(['unknown', 'unknown', 3, 3, 3, 3, 1, 'unknown']);
    expect(sheet.flags).toContainEqual({ row: 1, column: 11 });
    expect(sheet.flags).toContainEqual({ row: 9, column: 4 });
    expect(sheet.flags).not.toContainEqual({ row: 0, column: 4 });
  });

  test('weighted totals are live SUMPRODUCT formulas over fixed ranges, with the computed result cached', () => {
    const totals = sheet.rows[10];
    expect(totals[0]).toBe('Weighted Total');
    expect(totals.slice(4)).toEqual([
      { formula: 'SUMPRODUCT($D$2:$D$11,E2:E11)', result: 1950 },
      { formula: 'SUMPRODUCT($D$2:$D$11,F2:F11)', result: 1850 },
      { formula: 'SUMPRODUCT($D$2:$D$11,G2:G11)', result: 2550 },
      { formula: 'SUMPRODUCT($D$2:$D$11,H2:H11)', result: 2150 },
      { formula: 'SUMPRODUCT($D$2:$D$11,I2:I11)', result: 1250 },
      { formula: 'SUMPRODUCT($D$2:$D$11,J2:J11)', result: 1650 },
      { formula: 'SUMPRODUCT($D$2:$D$11,K2:K11)', result: 1650 },
      { formula: 'SUMPRODUCT($D$2:$D$11,L2:L11)', result: 2000 },
    ]);
  });

  test('an Unknown scores row counts unknowns per tool', () => {
    const unknown = sheet.rows[11];
    expect(unknown[0]).toBe('Unknown scores');
    expect(unknown.slice(4).map((c) => (c as { result: number }).result)).toEqual([2, 1, 0, 1, 4, 3, 2, 2]);
    expect(unknown[4]).toEqual({ formula: 'COUNTIF(E2:E11,"unknown")', result: 2 });
    expect(sheet.flags).toContainEqual({ row: 11, column: 4 });
    expect(sheet.flags).not.toContainEqual({ row: 11, column: 6 });
  });

  test('a recommendation row names the top tool, live, and why', () => {
    const rec = sheet.rows[12];
    expect(rec[0]).toBe('Recommended tool');
    expect(rec[3]).toEqual({ formula: 'INDEX($E$1:$L$1,MATCH(MAX($E$12:$L$12),$E$12:$L$12,0))', result: 'Zuora' });
    expect(rec[1]).toBe('Zuora has the highest weighted total, 2550, ahead of Lago (2150); documented on the heaviest needs: Billing cadences (monthly/quarterly/annual/custom); Net terms and due dates; Dunning and payment retries; no unknown scores');
    expect(sheet.rows).toHaveLength(13);
  });

  test('notes say unknown counts as 0 and which scores are catalog facts', () => {
    expect(sheet.notes![0]).toBe('Weighted Total = SUMPRODUCT(Weight, score) over rows 2-11; totals count "unknown" as 0 (flagged red) and the Unknown scores row counts them per tool. Edit a Weight or a score and the totals and the recommended tool recalculate.');
    expect(sheet.notes![2]).toBe('Scores 0-3 are catalog facts (billingTools.json as of 2026-11: 3 documented, 1 partial, 0 absent, unknown = not confirmed), with no score typed over.');
    expect(sheet.notes![3]).toContain('Stripe Billing: docs.stripe.com/billing/subscriptions/prorations');
  });

  test('the Strategy sheet names the same tool', () => {
    const strategy = renderAnalysisSheets(analyzeBook(book), {}).find((s) => s.name === 'Strategy')!;
    expect(strategy.rows.find((r) => r[0] === 'Tool shortlist')![1]).toBe('Zuora');
  });
});

describe('Tool Selection re-run carries the architect\'s weights and scores', () => {
  test('edited weight and scores are kept; totals and the recommendation follow them', () => {
    const previous = asGrid(toolSheet(), (values) => {
      const audit = values.findIndex((r) => r[0] === 'Audit trail');
      values[audit][3] = 0; // weight edited
      values[audit][4] = 3; // Stripe's unknown confirmed by the architect
      const revrec = values.findIndex((r) => r[0] === 'Revenue recognition (ASC 606)');
      values[revrec][6] = 'Unknown'; // Zuora's score doubted
      values.push(['Multi-currency', 'x', 40, 80, 3, 3, 3, 1, 1, 3, 3, 1]);
    });
    const sheet = toolSheet(previous);
    const audit = sheet.rows.find((r) => r[0] === 'Audit trail')!;
    expect(audit.slice(2, 5)).toEqual([100, 0, 3]);
    expect(sheet.rows.find((r) => r[0] === 'Revenue recognition (ASC 606)')![6]).toBe('unknown');
    const totals = sheet.rows.find((r) => r[0] === 'Weighted Total')!;
    // Zuora: 2550 - 300 (audit weight 0) - 300 (revrec unknown) = 1950; Stripe: 1950 (audit weight 0)
    expect((totals[6] as { result: number }).result).toBe(1950);
    expect((totals[4] as { result: number }).result).toBe(1950);
    // Tabs 2000 - 0 (audit unknown) = 2000 now leads
    expect((sheet.rows.find((r) => r[0] === 'Recommended tool')![3] as { result: string }).result).toBe('Tabs');
    const last = sheet.rows[sheet.rows.length - 1];
    expect(last).toEqual(['Multi-currency', 'no longer derived: the book no longer needs it; not in the totals', null, 80, 3, 3, 3, 1, 1, 3, 3, 1]);
    expect(sheet.notes![2]).toContain('except these typed by an architect: Zuora / Revenue recognition (ASC 606): unknown (catalog: 3); Stripe Billing / Audit trail: 3 (catalog: unknown)');
    // the formulas still cover only the derived rows
    expect(totals[4]).toEqual({ formula: 'SUMPRODUCT($D$2:$D$11,E2:E11)', result: 1950 });

    expect(rankedTool(analyzeBook(book), previous).tool).toBe('Tabs');

    // a third run keeps it all, once
    const third = toolSheet(asGrid(sheet));
    expect(third.rows).toEqual(sheet.rows);
  });

  test('a weight left at its default follows a changed book; an edited one stays', () => {
    const previous = asGrid(toolSheet(), (values) => {
      const cadences = values.findIndex((r) => r[0] === 'Configurable proration method');
      values[cadences][2] = 25; // the earlier run's default differed: Weight 50 was typed
      const credit = values.findIndex((r) => r[0] === 'Credit notes / memos');
      values[credit][3] = 50; // equal to its default: not an edit
    });
    const grown = input([cleanRow(2), cleanRow(3), cleanRow(4), cleanRow(5)], { amendments: [amendment('C3')], settings: settings({ crm: 'Salesforce', erp: 'NetSuite' }) });
    const sheet = renderAnalysisSheets(analyzeBook(grown), { toolSelection: previous }).find((s) => s.name === 'Tool Selection')!;
    expect(sheet.rows.find((r) => r[0] === 'Configurable proration method')!.slice(2, 4)).toEqual([25, 50]);
    expect(sheet.rows.find((r) => r[0] === 'Credit notes / memos')!.slice(2, 4)).toEqual([25, 25]);
  });
});
