import { addDays, type CalendarDate } from '../../core/calendarDate';
import { d } from './sampleContracts';
import { seededRandom, type SampleRow } from './sampleRows';

/** The sample book's other input sheets, consistent with sampleContracts(). */

export const SAMPLE_AS_OF = '2026-11-20';
export const SAMPLE_MONTH = '2026-10';

export function sampleAmendments(): SampleRow[] {
  const a = (id: string, contract: string, product: string | null, effective: string, type: string,
    quantity: number | null, price: number | null, proration: string | null, booked: string | null, note: string): SampleRow => ({
    'Amendment ID': id, 'Contract ID': contract, Product: product, 'Effective Date': d(effective), Type: type,
    'New Quantity': quantity, 'New Unit Price': price, Proration: proration, 'Booked Date': booked ? d(booked) : null, Note: note,
  });
  return [
    a('AMD-001', 'C-1002', 'Analytics Seats', '2026-08-15', 'Quantity Change', 70, null, null, null, 'Added 20 seats mid-quarter'),
    a('AMD-002', 'C-1010', null, '2026-09-16', 'Cancel', null, null, null, null, 'Customer churned; unused days credited'),
    a('AMD-003', 'C-1011', 'Analytics Seats', '2026-07-10', 'Downgrade', 6, null, null, null, 'Immediate downgrade 10 -> 6 seats'),
    a('AMD-004', 'C-1012', 'Premium Support', '2026-06-01', 'Add Product', 1, 500, null, null, 'Co-termed add-on'),
    a('AMD-005', 'C-1013', 'Platform Subscription', '2026-11-01', 'Price Change', null, 27, null, null, 'Uplift at renewal of the half'),
    a('AMD-006', 'C-1018', 'Booking Seats', '2026-10-20', 'Upgrade', 8, null, '30/360', null, '30/360 per the order form'),
    a('AMD-007', 'C-1020', 'Campus License', '2026-08-01', 'Price Change', null, 900, null, '2026-09-10', 'Entered late: credit and rebill'),
  ];
}

export function sampleMilestones(): SampleRow[] {
  const m = (name: string, date: string, amount: number): SampleRow => ({
    'Contract ID': 'C-1009', Product: 'Implementation Services', Milestone: name, Date: d(date), Amount: amount,
  });
  return [m('Kickoff', '2026-04-15', 20000), m('Design sign-off', '2026-07-31', 30000), m('Go-live', '2026-10-30', 50000)];
}

export function samplePriceTiers(): SampleRow[] {
  const t = (table: string, from: number, to: number | null, price: number, fee: number): SampleRow => ({
    'Tier Table': table, 'From Units': from, 'To Units': to, 'Unit Price': price, 'Flat Fee': fee,
  });
  return [
    t('API-GRADUATED', 0, 100000, 0.002, 0),
    t('API-GRADUATED', 100000, 1000000, 0.0015, 0),
    t('API-GRADUATED', 1000000, null, 0.001, 0),
    t('STORAGE-VOLUME', 0, 1000, 0.1, 25),
    t('STORAGE-VOLUME', 1000, 10000, 0.08, 50),
    t('STORAGE-VOLUME', 10000, null, 0.05, 100),
  ];
}

/** Weekly usage readings through the As Of Date, plus one reading for a contract nobody signed. */
export function sampleUsage(): SampleRow[] {
  const random = seededRandom(606);
  const rows: SampleRow[] = [];
  const weekly = (contract: string, metric: string, from: string, base: number, spread: number) => {
    for (let day: CalendarDate = d(from); day <= d(SAMPLE_AS_OF); day = addDays(day, 7)) {
      rows.push({ 'Contract ID': contract, 'Usage Metric': metric, Date: day, Quantity: Math.round(base + random() * spread) });
    }
  };
  weekly('C-1006', 'api_calls', '2026-01-03', 20000, 90000);
  weekly('C-1007', 'storage_gb', '2026-05-02', 300, 500);
  weekly('C-1008', 'sms', '2026-03-04', 800, 2500);
  rows.push({ 'Contract ID': 'C-9999', 'Usage Metric': 'api_calls', Date: d('2026-10-12'), Quantity: 5000 });
  return rows;
}

export function sampleFxRates(): SampleRow[] {
  const rates: [string, string, number][] = [
    ['EUR', '2025-07-01', 1.17], ['EUR', '2026-01-01', 1.08], ['EUR', '2026-04-01', 1.09], ['EUR', '2026-07-01', 1.085], ['EUR', '2026-10-01', 1.1],
    ['GBP', '2025-07-01', 1.36], ['GBP', '2026-01-01', 1.27], ['GBP', '2026-04-01', 1.26], ['GBP', '2026-07-01', 1.28], ['GBP', '2026-10-01', 1.29],
    ['JPY', '2025-07-01', 0.0069], ['JPY', '2026-01-01', 0.0067], ['JPY', '2026-04-01', 0.0068], ['JPY', '2026-07-01', 0.0066], ['JPY', '2026-10-01', 0.0067],
  ];
  return rates.map(([currency, asOf, rate]) => ({ Currency: currency, Rate: rate, 'As Of': d(asOf) }));
}

export function sampleTaxRates(): SampleRow[] {
  const t = (jurisdiction: string, rate: string, name: string, from: string | null): SampleRow => ({
    Jurisdiction: jurisdiction, 'Rate %': rate, 'Tax Name': name, 'Effective From': from ? d(from) : null,
  });
  return [
    t('US-CA', '8.25%', 'Sales Tax', null),
    t('US-NY', '8.875%', 'Sales Tax', null),
    t('US-TX', '6.25%', 'Sales Tax', '2025-01-01'),
    t('US-TX', '6.5%', 'Sales Tax', '2026-07-01'),
    t('US-WA', '6.5%', 'Sales Tax', null),
    t('US-MA', '6.25%', 'Sales Tax', null),
    t('DE', '19%', 'USt', null),
    t('FR', '20%', 'TVA', null),
    t('GB', '20%', 'VAT', null),
    t('JP', '10%', 'Consumption Tax', null),
  ];
}

/** Settings as the sample company runs them: fixed As Of Date so the demo is the same every day. */
export function sampleSettingValues(): Record<string, string> {
  return {
    'Billing Entity': 'Q2C Inc. (US)',
    'Time Zone': 'America/New_York',
    'As Of Date': SAMPLE_AS_OF,
    'Reconciliation Month': SAMPLE_MONTH,
    CRM: 'Salesforce',
    'Billing Tool': 'Stripe',
    ERP: 'NetSuite',
  };
}
