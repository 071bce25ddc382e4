import { addDays, fromISO, toISO, type CalendarDate } from '../../core/calendarDate';
import { seededRandom, type SampleRow } from './sampleRows';

/**
 * The sample book's Contracts: a hybrid SaaS company. Twenty hand-made sales-led contracts
 * exercise every billing rule (ramps, usage tiers, milestones, amendments, four currencies,
 * calendar anchors, end-of-month starts); fifty-seven generated self-serve subscriptions make
 * the PLG side; six deliberately messy CRM rows (none of them Closed Won) feed the audit.
 */

export function d(iso: string): CalendarDate {
  const date = fromISO(iso);
  if (date === null) throw new Error(`sample data: bad date ${iso}`);
  return date;
}

const US = 'Q2C Inc. (US)';
const EU = 'Q2C Europe GmbH';
const UK = 'Q2C UK Ltd';

interface Base {
  id: string; customer: string; customerId: string; product: string; start: string; term?: number; end?: string;
  frequency: string; timing?: string; anchor?: string; model?: string; quantity?: number; unitPrice?: number;
  basis?: string; tcv?: number; discount?: number; currency?: string; terms?: string; method?: string; tax?: string;
  metric?: string; included?: number; tiers?: string; packageSize?: number; minimum?: number; channel?: string;
  close?: string; stage?: string; owner?: string; entity?: string; po?: string; contact?: string; email?: string; address?: string;
}

function row(c: Base): SampleRow {
  return {
    'Contract ID': c.id,
    Customer: c.customer,
    'Customer ID': c.customerId,
    'Billing Entity': c.entity ?? US,
    Product: c.product,
    'Start Date': d(c.start),
    'End Date': c.end ? d(c.end) : null,
    'Term (Months)': c.term ?? null,
    'Billing Frequency': c.frequency,
    'Billing Timing': c.timing ?? 'Advance',
    'Billing Anchor': c.anchor ?? 'Anniversary',
    'Pricing Model': c.model ?? 'Flat',
    Quantity: c.quantity ?? 1,
    'Unit Price': c.unitPrice ?? null,
    'Price Basis': c.basis ?? null,
    'Total Contract Value': c.tcv ?? null,
    'Discount %': c.discount ?? null,
    Currency: c.currency ?? 'USD',
    'Payment Terms': c.terms ?? 'Net 30',
    'Payment Method': c.method ?? 'ACH',
    'Tax Jurisdiction': c.tax ?? null,
    'Tax Exempt': 'No',
    'Usage Metric': c.metric ?? null,
    'Included Units': c.included ?? null,
    'Tier Table': c.tiers ?? null,
    'Package Size': c.packageSize ?? null,
    'Minimum Commit': c.minimum ?? null,
    'Sales Channel': c.channel ?? 'Sales-Led',
    'Close Date': c.close ? d(c.close) : null,
    Stage: c.stage ?? 'Closed Won',
    Owner: c.owner ?? 'Dana Kim',
    'PO Number': c.po ?? null,
    'Billing Contact': c.contact ?? null,
    'Billing Email': c.email ?? null,
    'Bill-To Address': c.address ?? null,
  };
}

const SALES_LED: Base[] = [
  { id: 'C-1001', customer: 'Northwind Traders', customerId: 'CUST-001', product: 'Platform Subscription', start: '2026-01-01', term: 12,
    frequency: 'Monthly', unitPrice: 10000, basis: 'Year', tax: 'US-CA', close: '2025-12-15', po: 'PO-88121',
    contact: 'Alice Ng', email: 'ap@northwind.example', address: '1 Harbor Way, San Francisco, CA 94105' },
  { id: 'C-1002', customer: 'Contoso Ltd', customerId: 'CUST-002', product: 'Analytics Seats', start: '2025-07-01', end: '2026-06-30',
    frequency: 'Quarterly', quantity: 50, unitPrice: 40, basis: 'Month', terms: 'Net 45', tax: 'US-NY', close: '2025-06-20',
    owner: 'Sam Ortiz', contact: 'Raj Patel', email: 'billing@contoso.example', address: '500 5th Ave, New York, NY 10110' },
  { id: 'C-1002', customer: 'Contoso Ltd', customerId: 'CUST-002', product: 'Analytics Seats', start: '2026-07-01', end: '2027-06-30',
    frequency: 'Quarterly', quantity: 50, unitPrice: 45, basis: 'Month', terms: 'Net 45', tax: 'US-NY', close: '2025-06-20',
    owner: 'Sam Ortiz', contact: 'Raj Patel', email: 'billing@contoso.example', address: '500 5th Ave, New York, NY 10110' },
  { id: 'C-1003', customer: 'Fabrikam GmbH', customerId: 'CUST-003', product: 'Platform Subscription', start: '2026-03-15', term: 24,
    frequency: 'Annual', anchor: 'Calendar', tcv: 24000, currency: 'EUR', method: 'Wire', tax: 'DE', close: '2026-03-01',
    entity: EU, contact: 'Jonas Weber', email: 'rechnung@fabrikam.example', address: 'Friedrichstr. 68, 10117 Berlin' },
  { id: 'C-1004', customer: 'Tailspin Toys', customerId: 'CUST-004', product: 'Premium Support', start: '2026-02-10', term: 18,
    frequency: 'Monthly', timing: 'Arrears', anchor: 'Calendar', quantity: 3, unitPrice: 1200, basis: 'Month', discount: 10,
    currency: 'GBP', method: 'Wire', tax: 'GB', close: '2026-02-01', entity: UK, contact: 'Emma Hughes',
    email: 'accounts@tailspin.example', address: '20 Kingsway, London WC2B 6LH' },
  { id: 'C-1005', customer: 'Sakura Systems KK', customerId: 'CUST-005', product: 'Platform Subscription', start: '2026-04-01', term: 12,
    frequency: 'Monthly', unitPrice: 150000, basis: 'Month', currency: 'JPY', method: 'Wire', tax: 'JP', close: '2026-03-20',
    contact: 'Haruto Sato', email: 'keiri@sakura.example', address: '1-1 Marunouchi, Chiyoda-ku, Tokyo' },
  { id: 'C-1006', customer: 'Proseware Inc', customerId: 'CUST-006', product: 'Platform Fee', start: '2026-01-01', term: 24,
    frequency: 'Monthly', unitPrice: 2000, basis: 'Month', tax: 'US-WA', close: '2025-12-20' },
  { id: 'C-1006', customer: 'Proseware Inc', customerId: 'CUST-006', product: 'API Calls', start: '2026-01-01', term: 24,
    frequency: 'Usage', model: 'Tiered', tiers: 'API-GRADUATED', metric: 'api_calls', included: 10000, minimum: 500,
    tax: 'US-WA', close: '2025-12-20' },
  { id: 'C-1007', customer: 'Litware Labs', customerId: 'CUST-007', product: 'Storage', start: '2026-05-01', term: 12,
    frequency: 'Usage', model: 'Volume', tiers: 'STORAGE-VOLUME', metric: 'storage_gb', terms: 'Net 15', close: '2026-04-25' },
  { id: 'C-1008', customer: 'Adventure Works', customerId: 'CUST-008', product: 'SMS Bundles', start: '2026-03-01', term: 12,
    frequency: 'Usage', model: 'Package', packageSize: 1000, unitPrice: 12, metric: 'sms', tax: 'US-TX', close: '2026-02-20' },
  { id: 'C-1009', customer: 'Wingtip Partners', customerId: 'CUST-009', product: 'Implementation Services', start: '2026-04-01',
    end: '2026-12-31', frequency: 'Milestone', tax: 'US-CA', close: '2026-03-25', po: 'PO-4410' },
  { id: 'C-1010', customer: 'Blue Yonder Airlines', customerId: 'CUST-010', product: 'Platform Subscription', start: '2026-01-01', term: 12,
    frequency: 'Monthly', unitPrice: 3000, basis: 'Month', tax: 'US-TX', close: '2025-12-18' },
  { id: 'C-1011', customer: 'Coho Winery', customerId: 'CUST-011', product: 'Analytics Seats', start: '2026-02-01', term: 12,
    frequency: 'Annual', quantity: 10, unitPrice: 2400, basis: 'Year', tax: 'US-CA', close: '2026-01-28' },
  { id: 'C-1012', customer: 'Graphic Design Institute', customerId: 'CUST-012', product: 'Design Seats', start: '2026-01-01', term: 24,
    frequency: 'Quarterly', quantity: 20, unitPrice: 30, basis: 'Month', tax: 'US-NY', close: '2025-12-22' },
  { id: 'C-1013', customer: 'Humongous Insurance', customerId: 'CUST-013', product: 'Platform Subscription', start: '2025-11-01', term: 36,
    frequency: 'Semiannual', quantity: 100, unitPrice: 25, basis: 'Month', terms: 'Net 60', method: 'Wire', tax: 'US-NY', close: '2025-10-28' },
  { id: 'C-1014', customer: 'Lucerne Publishing', customerId: 'CUST-014', product: 'Enterprise License', start: '2026-06-01', term: 12,
    frequency: 'Upfront', tcv: 36000, method: 'Check', tax: 'US-MA', close: '2026-05-29' },
  { id: 'C-1015', customer: "Margie's Travel", customerId: 'CUST-015', product: 'Platform Subscription', start: '2026-01-01', term: 12,
    frequency: 'Monthly', unitPrice: 1500, basis: 'Month', tax: 'US-CA', close: '2026-02-15' },
  { id: 'C-1016', customer: 'Trey Research', customerId: 'CUST-016', product: 'Data Platform', start: '2026-01-01', term: 36,
    frequency: 'Monthly', unitPrice: 180000, basis: 'Year', method: 'Wire', close: '2025-12-10', po: 'PO-2026-17' },
  { id: 'C-1017', customer: 'Woodgrove Bank', customerId: 'CUST-017', product: 'Compliance Module', start: '2025-12-31', term: 24,
    frequency: 'Monthly', timing: 'Arrears', unitPrice: 5000, basis: 'Month', currency: 'EUR', method: 'Wire', tax: 'FR',
    close: '2025-12-15', entity: EU },
  { id: 'C-1018', customer: 'Alpine Ski House', customerId: 'CUST-018', product: 'Booking Seats', start: '2026-01-15', term: 12,
    frequency: 'Monthly', quantity: 5, unitPrice: 100, basis: 'Month', tax: 'US-CA', close: '2026-01-10' },
  { id: 'C-1019', customer: 'City Power & Light', customerId: 'CUST-019', product: 'Grid Analytics', start: '2026-10-01', term: 12,
    frequency: 'Annual', unitPrice: 96000, basis: 'Year', method: 'Wire', tax: 'US-TX', close: '2026-09-28', po: 'CPL-7781' },
  { id: 'C-1020', customer: 'School of Fine Art', customerId: 'CUST-020', product: 'Campus License', start: '2026-01-01', term: 12,
    frequency: 'Monthly', unitPrice: 800, basis: 'Month', tax: 'US-MA', close: '2025-12-19' },
];

const SELF_SERVE_NAMES = [
  'Bright Pixel Studio', 'Copperleaf Cafe', 'Dune Analytics Co', 'Ember Fitness', 'Fjord Outfitters', 'Gala Events',
  'Harbor Dental', 'Iris Botanics', 'Juniper Legal', 'Kestrel Drones', 'Lumen Yoga', 'Maple & Co', 'Nimbus Notes',
  'Orchid Florals', 'Pine Ridge Realty', 'Quartz Labs', 'Rook Chess Club', 'Sage Tutoring', 'Tidal Surf Shop',
  'Umber Ceramics', 'Vela Travel', 'Willow Pediatrics', 'Xeno Games', 'Yarrow Tea', 'Zephyr Cycles', 'Aster Clinic',
  'Birch Bookkeeping', 'Cobalt Coders', 'Delta Dance', 'Echo Podcasts', 'Fern Interiors', 'Garnet Jewelers',
  'Hazel Bakery', 'Indigo Print', 'Jade Spa', 'Kite Kids', 'Lark Music', 'Moss Landscaping', 'Nova Robotics',
  'Opal Optics', 'Pebble Pets', 'Quill Writers', 'Raven Security', 'Slate Architects', 'Terra Farms',
  'Acorn Accounting', 'Beacon Bikes', 'Cedar Chiropractic', 'Driftwood Decor', 'Elm Street Eats', 'Falcon Freight',
  'Grove Gardens', 'Heron Health', 'Ivy Insights', 'Jasper Joinery', 'Koi Kitchens', 'Lotus Learning',
];

const PLANS = [
  { product: 'Starter Plan', price: 29 },
  { product: 'Pro Plan', price: 99 },
  { product: 'Business Plan', price: 299 },
];

function selfServe(): Base[] {
  const random = seededRandom(20261126);
  const first = d('2025-06-01');
  return SELF_SERVE_NAMES.map((customer, i) => {
    const plan = PLANS[Math.floor(random() * PLANS.length)];
    // The last four start in the reconciliation month: this month's new customers.
    const start = i >= SELF_SERVE_NAMES.length - 4
      ? addDays(d('2026-10-02'), (i % 4) * 6)
      : addDays(first, Math.floor(random() * 470));
    const regions = ['US-CA', 'US-NY', 'US-TX', null, 'US-WA'];
    const currency = i % 15 === 7 ? 'EUR' : i % 15 === 11 ? 'GBP' : 'USD';
    const tax = currency === 'EUR' ? 'DE' : currency === 'GBP' ? 'GB' : regions[i % regions.length];
    return {
      id: `C-${2001 + i}`,
      customer,
      customerId: `SS-${String(2001 + i)}`,
      product: plan.product,
      start: toISO(start),
      term: 12,
      frequency: 'Monthly',
      quantity: 1 + Math.floor(random() * 5),
      unitPrice: plan.price,
      basis: 'Month',
      currency,
      terms: i === 5 || i === 17 ? undefined : 'Due on Receipt',
      method: 'Card',
      tax: tax ?? undefined,
      // A third leave Sales Channel blank, so the audit must classify them from their pattern.
      channel: i % 3 === 2 ? undefined : 'Self-Serve',
      // Three Closed Won rows lack a Close Date: billable, but not billing-ready for the audit.
      close: i === 3 || i === 12 || i === 29 ? undefined : toISO(addDays(start, -2)),
      owner: 'Self-Serve',
      email: `billing@${customer.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      entity: currency === 'EUR' ? EU : currency === 'GBP' ? UK : US,
    };
  });
}

/** Rows a CRM really holds: half-filled, contradictory, mistyped. None is Closed Won, so none is billed. */
function messyRows(): SampleRow[] {
  const globex = row({ id: 'C-3001', customer: 'Globex Corporation', customerId: 'CUST-301', product: 'Platform Subscription',
    start: '2026-12-01', term: 12, frequency: 'Annual', unitPrice: 50000, basis: 'Year', stage: 'Negotiation', owner: 'Sam Ortiz' });
  const initech = row({ id: 'C-3002', customer: 'Initech', customerId: 'CUST-302', product: 'Analytics Seats', start: '2026-12-01',
    term: 12, frequency: 'Monthly', unitPrice: 2000, basis: 'Month', tcv: 30000, stage: 'Proposal', close: '2026-11-30' });
  const umbrellaA = row({ id: 'C-3003', customer: 'Umbrella Corp', customerId: 'CUST-303', product: 'Platform Subscription',
    start: '2027-01-01', term: 12, frequency: 'Quarterly', unitPrice: 4000, basis: 'Month', stage: 'Verbal Commit', close: '2026-12-15' });
  const umbrellaB = row({ id: 'C-3003', customer: 'Umbrella Corporation', customerId: 'CUST-303', product: 'Premium Support',
    start: '2027-01-01', term: 12, frequency: 'Quarterly', unitPrice: 500, basis: 'Month', currency: 'EUR', stage: 'Verbal Commit', close: '2026-12-15' });
  const hooli = row({ id: 'C-3004', customer: 'Hooli', customerId: 'CUST-304', product: 'Data Platform', start: '2026-12-01',
    term: 12, frequency: 'Monthly', unitPrice: 9000, basis: 'Month', stage: 'Qualification' });
  hooli['Start Date'] = '3/4/2026';
  hooli['Payment Terms'] = null;
  const vandelay = row({ id: 'C-3005', customer: 'Vandelay Industries', customerId: 'CUST-305', product: 'Import Tracker',
    start: '2026-09-01', end: '2026-06-30', frequency: 'Monthly', unitPrice: 750, basis: 'Month', stage: 'Closed Lost', close: '2026-08-20' });
  const stark = row({ id: 'C-3006', customer: 'Stark Retail', customerId: 'CUST-306', product: 'Storefront', start: '2026-12-01',
    term: 12, frequency: 'Monthly', basis: 'Month', currency: 'USX', stage: 'Proposal', close: '2026-11-28' });
  stark['Unit Price'] = 'TBD';
  return [globex, initech, umbrellaA, umbrellaB, hooli, vandelay, stark];
}

export function sampleContracts(): SampleRow[] {
  return [...SALES_LED.map(row), ...selfServe().map(row), ...messyRows()];
}
