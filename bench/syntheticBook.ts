import { addDays, fromISO, toISO, type CalendarDate } from '../src/core/calendarDate';
import { seededRandom, type SampleRow } from '../src/jobs/sampleBook/sampleRows';
import type { InputSheetName } from '../src/workbook/inputSheets';

/**
 * A large book for the benchmarks: `contracts` contracts of one 30-month monthly line each
 * (about 300k schedule lines at 10,000), a tenth of them with a tiered usage line and 200
 * usage readings each (200k rows), and one amendment per ten contracts (1,000). Without
 * `usage`, every contract bills its months only (35,000 x 30 passes Excel's row limit).
 */
export function syntheticBook(contracts: number, months = 30, usage = true): Partial<Record<InputSheetName, SampleRow[]>> {
  const random = seededRandom(42);
  const first = fromISO('2024-01-01') as CalendarDate;
  const usageContracts = usage ? Math.floor(contracts / 10) : 0;
  const rows: SampleRow[] = [];
  const usageRows: SampleRow[] = [];
  const amendments: SampleRow[] = [];
  const currencies = ['USD', 'USD', 'USD', 'EUR', 'GBP', 'JPY'];
  for (let i = 0; i < contracts; i++) {
    const id = `K-${100000 + i}`;
    const start = addDays(first, i % 365);
    const currency = currencies[i % currencies.length];
    const base = {
      'Contract ID': id, Customer: `Customer ${i}`, 'Start Date': start, 'Term (Months)': months,
      'Billing Frequency': 'Monthly', Currency: currency, 'Payment Terms': 'Net 30', Stage: 'Closed Won',
      'Tax Jurisdiction': i % 4 === 0 ? 'US-CA' : null,
    };
    rows.push({
      ...base, Product: 'Platform', Quantity: 1 + (i % 20), 'Unit Price': currency === 'JPY' ? 12000 : 50 + (i % 50) * 10,
      'Price Basis': 'Month', 'Discount %': [0, 10, 15][i % 3],
    });
    if (i < usageContracts) {
      rows.push({ ...base, Product: 'API Calls', 'Billing Frequency': 'Usage', 'Pricing Model': 'Tiered',
        'Tier Table': 'API', 'Usage Metric': 'api_calls', 'Included Units': 1000 });
      for (let k = 0; k < 200; k++) {
        usageRows.push({ 'Contract ID': id, 'Usage Metric': 'api_calls', Date: addDays(start, Math.floor((k * months * 30) / 200)),
          Quantity: Math.floor(random() * 5000) });
      }
    }
    if (i % 10 === 5) {
      amendments.push({ 'Amendment ID': `A-${i}`, 'Contract ID': id, Product: 'Platform', 'Effective Date': addDays(start, 200 + (i % 20)),
        Type: 'Quantity Change', 'New Quantity': 25 });
    }
  }
  return {
    Contracts: rows,
    Usage: usageRows,
    Amendments: amendments,
    'Price Tiers': [
      { 'Tier Table': 'API', 'From Units': 0, 'To Units': 10000, 'Unit Price': 0.01, 'Flat Fee': 0 },
      { 'Tier Table': 'API', 'From Units': 10000, 'To Units': null, 'Unit Price': 0.008, 'Flat Fee': 10 },
    ],
    'Tax Rates': [{ Jurisdiction: 'US-CA', 'Rate %': '8.25%', 'Tax Name': 'Sales Tax' }],
    'FX Rates': ['EUR', 'GBP', 'JPY'].map((c, k) => ({ Currency: c, Rate: [1.1, 1.3, 0.0068][k], 'As Of': first })),
    Settings: [{ Setting: 'As Of Date', Value: toISO(addDays(first, 600)) }, { Setting: 'Reconciliation Month', Value: '2025-06' }],
  };
}
