import { analyzeBook } from '../../src/analysis/analyzeBook';
import { renderAnalysisSheets } from '../../src/workbook/render/analysisSheets';
import { amendment, asGrid, cleanRow, fxRate, input, settings, taxRate, usageRecord } from './book';

const selfServe = (n: number, extra = {}) => cleanRow(n, { paymentMethod: 'Card', unitPrice: 100, ...extra });
const salesLed = (n: number, extra = {}) => cleanRow(n, {
  paymentMethod: 'Wire', billingFrequency: 'Annual', unitPrice: 50000, endDate: '2028-12-31', paymentTerms: 'Net 60', ...extra,
});
const channel = (n: number, c: 'Self-Serve' | 'Sales-Led') => cleanRow(n, { salesChannel: c });

describe('GTM motion per contract', () => {
  test('Sales Channel decides when given', () => {
    const r = analyzeBook(input([cleanRow(2, { salesChannel: 'Self-Serve', paymentMethod: 'Wire', billingFrequency: 'Annual' })]));
    expect(r.motions[0]).toEqual({ contractId: 'C2', motion: 'Self-Serve', basis: 'Sales Channel = Self-Serve' });
  });

  test('card + monthly + small + short = Self-Serve by pattern', () => {
    const r = analyzeBook(input([selfServe(2)]));
    expect(r.motions[0]).toEqual({
      contractId: 'C2', motion: 'Self-Serve',
      basis: 'pattern: 4 Self-Serve signal(s) [Card payment, billed monthly, annual value 1,200.00 USD < 10,000.00 USD, term 12 months] vs 0 Sales-Led [none]',
    });
  });

  test('wire + annual + large + negotiated = Sales-Led by pattern', () => {
    const r = analyzeBook(input([salesLed(2)]));
    expect(r.motions[0]).toEqual({
      contractId: 'C2', motion: 'Sales-Led',
      basis: 'pattern: 0 Self-Serve signal(s) [none] vs 4 Sales-Led [Wire payment, billed quarterly or longer, annual value 50,000.00 USD >= 25,000.00 USD, negotiated terms (Net 60, term 36 months)]',
    });
  });

  test('a tie goes to Sales-Led', () => {
    const r = analyzeBook(input([cleanRow(2, { paymentMethod: 'Card', billingFrequency: 'Annual', unitPrice: 15000, poNumber: 'PO-1' })]));
    expect(r.motions[0].motion).toBe('Sales-Led');
    expect(r.motions[0].basis).toBe('pattern: 2 Self-Serve signal(s) [Card payment, term 12 months] vs 2 Sales-Led [billed quarterly or longer, negotiated terms (PO Number)]');
  });

  test('values are converted to the reporting currency at the latest rate on or before As Of', () => {
    const r = analyzeBook(input([selfServe(2, { currency: 'EUR', unitPrice: 1000 })], {
      fxRates: [fxRate('EUR', '1.1', '2026-01-01'), fxRate('EUR', '2', '2026-09-01')],
    }));
    expect(r.facts.contracts[0].annualValue!.toString()).toBe('13200');
    expect(r.motions[0].basis).toBe('pattern: 3 Self-Serve signal(s) [Card payment, billed monthly, term 12 months] vs 0 Sales-Led [none]');
  });
});

describe('GTM motion of the book (80% / 20% cut-offs)', () => {
  test('PLG at 80% Self-Serve', () => {
    const r = analyzeBook(input([channel(2, 'Self-Serve'), channel(3, 'Self-Serve'), channel(4, 'Self-Serve'), channel(5, 'Self-Serve'), channel(6, 'Sales-Led')]));
    expect(r.bookMotion).toMatchObject({ motion: 'PLG', selfServe: 4, salesLed: 1, contracts: 5 });
    expect(r.bookMotion.evidence).toBe('4 of 5 contracts Self-Serve (80.0%), 1 Sales-Led; 5 classified from Sales Channel, 0 from the deal pattern');
  });

  test('Sales-Led at 20% Self-Serve', () => {
    const r = analyzeBook(input([channel(2, 'Self-Serve'), channel(3, 'Sales-Led'), channel(4, 'Sales-Led'), channel(5, 'Sales-Led'), channel(6, 'Sales-Led')]));
    expect(r.bookMotion.motion).toBe('Sales-Led');
  });

  test('Hybrid in between', () => {
    const r = analyzeBook(input([selfServe(2), selfServe(3), salesLed(4), salesLed(5), salesLed(6)]));
    expect(r.bookMotion).toMatchObject({ motion: 'Hybrid', selfServe: 2, salesLed: 3 });
  });

  test('the rule and cut-offs are written in the Strategy sheet', () => {
    const sheet = renderAnalysisSheets(analyzeBook(input([selfServe(2)])), {}).find((s) => s.name === 'Strategy')!;
    const gtm = sheet.rows.find((r) => r[0] === 'GTM motion')!;
    expect(gtm[1]).toBe('PLG');
    expect(String(gtm[2])).toContain('PLG when at least 80% of contracts are Self-Serve; Sales-Led when at most 20% are; Hybrid in between');
    expect(String(gtm[2])).toContain('annual value under 10,000.00');
    expect(gtm[4]).toBe('ASSUMED');
  });
});

describe('methodology: each outcome by the stated rule', () => {
  test('Hybrid Billing', () => {
    const r = analyzeBook(input([selfServe(2), selfServe(3), salesLed(4), salesLed(5)], { settings: settings({ billingTool: 'Stripe' }) }));
    expect(r.methodology.methodology).toBe('Hybrid Billing');
    expect(r.methodology.fired).toBe('(1) book motion is Hybrid');
  });

  test('Usage-Based Billing Setup at 30% or more usage contracts', () => {
    const usage = (n: number) => salesLed(n, { billingFrequency: 'Usage', usageMetric: 'API Calls', unitPrice: 0.01 });
    const r = analyzeBook(input([usage(2), usage(3), salesLed(4), salesLed(5), salesLed(6)], { settings: settings({ billingTool: 'Stripe' }) }));
    expect(r.bookMotion.motion).toBe('Sales-Led');
    expect(r.methodology).toEqual({
      methodology: 'Usage-Based Billing Setup',
      fired: '(2) 40.0% of contracts have a Usage line (>= 30%)',
      evidence: 'book motion Sales-Led (0 Self-Serve, 5 Sales-Led of 5); Usage lines on 2 of 5 contracts (40.0%); Billing Tool in Settings: Stripe',
    });
  });

  test('Information Handoff when a billing tool is in use (usage under the cut-off)', () => {
    const usage = salesLed(2, { billingFrequency: 'Usage', usageMetric: 'API Calls', unitPrice: 0.01 });
    const r = analyzeBook(input([usage, salesLed(3), salesLed(4), salesLed(5), salesLed(6)], { settings: settings({ billingTool: 'Chargebee' }) }));
    expect(r.methodology.methodology).toBe('Information Handoff');
    expect(r.methodology.fired).toBe('(3) Billing Tool Chargebee is already in use');
  });

  test('PLG Self-Serve Billing Setup', () => {
    const r = analyzeBook(input([selfServe(2), selfServe(3)]));
    expect(r.methodology.methodology).toBe('PLG Self-Serve Billing Setup');
    expect(r.methodology.fired).toBe('(4) book motion is PLG');
  });

  test('Contract-Based Billing Setup', () => {
    const r = analyzeBook(input([salesLed(2), salesLed(3)]));
    expect(r.methodology.methodology).toBe('Contract-Based Billing Setup');
    expect(r.methodology.fired).toBe('(5) book motion is Sales-Led');
    const sheet = renderAnalysisSheets(r, {}).find((s) => s.name === 'Strategy')!;
    const row = sheet.rows.find((x) => x[0] === 'Methodology')!;
    expect(row[1]).toBe('Contract-Based Billing Setup');
    expect(String(row[2])).toContain('Fired: (5) book motion is Sales-Led.');
  });
});

describe('pricing models in use', () => {
  test('an unknown currency code is an audit problem, not another currency of the book', () => {
    const r = analyzeBook(input([cleanRow(2), cleanRow(3, { currency: 'USX' })]));
    expect(r.pricingModels.find((m) => m.model === 'Multi-currency')).toMatchObject({ inUse: false, contracts: 0 });
    expect(r.facts.currencies).toEqual(['USD']);
  });

  test('Strategy Status typed CONFIRMED is kept on re-run by Topic', () => {
    const result = analyzeBook(input([selfServe(2)]));
    const first = renderAnalysisSheets(result, {}).find((s) => s.name === 'Strategy')!;
    const previous = asGrid(first, (values) => { values[1][4] = 'confirmed'; });
    const second = renderAnalysisSheets(result, { strategy: previous }).find((s) => s.name === 'Strategy')!;
    expect(second.rows[0].slice(0, 2)).toEqual(['GTM motion', 'PLG']);
    expect(second.rows[0][4]).toBe('CONFIRMED');
    expect(second.rows.slice(1).every((r) => r[4] === 'ASSUMED')).toBe(true);
  });

  test('each model is counted in contracts', () => {
    const rows = [
      cleanRow(2, { contractId: 'R1', startDate: '2026-01-01', endDate: '2026-12-31' }),
      cleanRow(3, { contractId: 'R1', startDate: '2027-01-01', endDate: '2027-12-31', unitPrice: 1200 }),
      cleanRow(4, { contractId: 'U1', billingFrequency: 'Usage', usageMetric: 'API Calls', unitPrice: 0.01, currency: 'EUR', taxJurisdiction: 'DE' }),
      cleanRow(5, { contractId: 'M1', billingFrequency: 'Milestone', unitPrice: undefined, taxJurisdiction: 'US-CA' }),
    ];
    const r = analyzeBook(input(rows, { usage: [usageRecord('U1', 'API Calls')], amendments: [amendment('R1')], fxRates: [fxRate('EUR', '1.1')], taxRates: [taxRate('US-CA')] }));
    const byModel = Object.fromEntries(r.pricingModels.map((m) => [m.model, [m.inUse, m.contracts, m.evidence]]));
    expect(byModel).toEqual({
      Subscription: [true, 1, '1 of 3 contracts (R1)'],
      Usage: [true, 1, '1 of 3 contracts (U1); 1 Usage rows'],
      Ramp: [true, 1, '1 of 3 contracts (R1)'],
      Milestone: [true, 1, '1 of 3 contracts (M1); 0 Milestones rows'],
      'Tiered / volume / package': [false, 0, '0 of 3 contracts'],
      'Multi-currency': [true, 1, '1 of 3 contracts (U1); currencies EUR, USD'],
      'Tax jurisdictions': [true, 2, '2 of 3 contracts (U1, M1); jurisdictions DE, US-CA'],
      'Mid-contract amendments': [true, 1, '1 of 3 contracts (R1); 1 Amendments rows'],
    });
    const strategy = renderAnalysisSheets(r, {}).find((s) => s.name === 'Strategy')!;
    expect(strategy.rows.map((x) => x[0])).toEqual([
      'GTM motion', 'Pricing model: Subscription', 'Pricing model: Usage', 'Pricing model: Ramp', 'Pricing model: Milestone',
      'Pricing model: Tiered / volume / package', 'Pricing model: Multi-currency', 'Pricing model: Tax jurisdictions',
      'Pricing model: Mid-contract amendments', 'Methodology', 'CRM data quality', 'Systems in use', 'Tool shortlist',
    ]);
    expect(strategy.rows.every((x) => x[4] === 'ASSUMED')).toBe(true);
    expect(strategy.validations).toEqual([{ column: 4, list: ['ASSUMED', 'CONFIRMED'] }]);
  });
});
