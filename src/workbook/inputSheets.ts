/**
 * The input sheets of the workbook contract (workbook.md, Input sheets and Billing-system
 * exports): their headers in order, the names they are also recognised by (Salesforce
 * Opportunity, HubSpot Deal and Stripe invoice exports), what kind of value each holds and,
 * for enumerations, the allowed values Setup offers as drop-downs.
 */

export type InputSheetName =
  | 'Contracts'
  | 'Amendments'
  | 'Milestones'
  | 'Usage'
  | 'Price Tiers'
  | 'FX Rates'
  | 'Tax Rates'
  | 'Settings'
  | 'Invoices'
  | 'Payments'
  | 'Sync Log';

export type InputKind = 'text' | 'id' | 'date' | 'datetime' | 'money' | 'decimal' | 'integer' | 'percent' | 'enum' | 'boolean';

export interface InputColumn {
  field: string;
  header: string;
  required: 'yes' | 'no' | string;
  synonyms: string[];
  kind: InputKind;
  /** enumeration values, used for drop-downs */
  allowed?: string[];
  /** other spellings of an allowed value (matched like enumerations), e.g. Yearly -> Annual */
  aliases?: Record<string, string>;
}

export interface InputSheetSchema {
  name: InputSheetName;
  /** no spaces, e.g. PriceTiers */
  tableName: string;
  columns: InputColumn[];
}

function col(
  field: string,
  header: string,
  kind: InputKind,
  required: InputColumn['required'] = 'no',
  synonyms: string[] = [],
  allowed?: string[],
  aliases?: Record<string, string>,
): InputColumn {
  const column: InputColumn = { field, header, required, synonyms, kind };
  if (allowed) column.allowed = allowed;
  if (aliases) column.aliases = aliases;
  return column;
}

export const BILLING_FREQUENCIES = ['Monthly', 'Quarterly', 'Semiannual', 'Annual', 'Upfront', 'Milestone', 'Usage'];
export const YES_NO = ['Yes', 'No'];

const CONTRACTS: InputSheetSchema = {
  name: 'Contracts',
  tableName: 'Contracts',
  columns: [
    col('contractId', 'Contract ID', 'id', 'yes', [
      'Opportunity ID', 'Deal ID', 'Record ID', 'Contract Number', 'Contract', 'Opportunity Name', 'Deal Name',
    ]),
    col('customer', 'Customer', 'text', 'yes', ['Account Name', 'Associated Company', 'Company Name', 'Customer Name', 'Account', 'Company']),
    col('customerId', 'Customer ID', 'id', 'no', ['Account ID', 'Associated Company ID', 'Company ID']),
    col('billingEntity', 'Billing Entity', 'text', 'no', ['Legal Entity', 'Subsidiary', 'Entity']),
    col('product', 'Product', 'text', 'yes', ['Product Name', 'Line Item Name', 'Product Code', 'SKU']),
    col('startDate', 'Start Date', 'date', 'yes', [
      'Service Date', 'Contract Start Date', 'Subscription Start Date', 'Service Start Date', 'Start',
    ]),
    col('endDate', 'End Date', 'date', 'one of End Date / Term (Months)', [
      'Service End Date', 'Contract End Date', 'Subscription End Date', 'End',
    ]),
    col('termMonths', 'Term (Months)', 'integer', 'one of End Date / Term (Months)', [
      'Term Months', 'Term', 'Contract Term', 'Subscription Term', 'Contract Term (Months)',
    ]),
    col('billingFrequency', 'Billing Frequency', 'enum', 'yes', ['Billing Period', 'Billing Cycle', 'Frequency', 'Billing Interval'],
      BILLING_FREQUENCIES,
      {
        Month: 'Monthly', Quarter: 'Quarterly', Semiannually: 'Semiannual', 'Half-Yearly': 'Semiannual',
        'Semi-Annually': 'Semiannual', Annually: 'Annual', Yearly: 'Annual', Year: 'Annual', 'One-Time': 'Upfront',
        'Up Front': 'Upfront', Milestones: 'Milestone', 'Usage-Based': 'Usage', Metered: 'Usage',
      }),
    col('billingTiming', 'Billing Timing', 'enum', 'no', ['Timing'], ['Advance', 'Arrears'],
      { 'In Advance': 'Advance', 'In Arrears': 'Arrears' }),
    col('billingAnchor', 'Billing Anchor', 'enum', 'no', ['Anchor'], ['Anniversary', 'Calendar'],
      { 'Calendar Month': 'Calendar', 'Calendar-Aligned': 'Calendar' }),
    col('pricingModel', 'Pricing Model', 'enum', 'no', ['Pricing Type', 'Price Model'], ['Flat', 'Tiered', 'Volume', 'Package'],
      { 'Flat Rate': 'Flat', 'Per Unit': 'Flat', Standard: 'Flat', Graduated: 'Tiered' }),
    col('quantity', 'Quantity', 'decimal', 'no', ['Qty', 'Seats', 'Units']),
    col('unitPrice', 'Unit Price', 'money', 'one of Unit Price / Total Contract Value', ['Sales Price', 'Price', 'List Price']),
    col('priceBasis', 'Price Basis', 'enum', 'no', ['Price Per', 'Price Period'], ['Month', 'Year', 'Term'],
      { Monthly: 'Month', 'Per Month': 'Month', Annual: 'Year', Annually: 'Year', Yearly: 'Year', 'Per Year': 'Year', 'Per Term': 'Term' }),
    col('totalContractValue', 'Total Contract Value', 'money', 'one of Unit Price / Total Contract Value', [
      'TCV', 'Total Price', 'Contract Value', 'Amount',
    ]),
    col('discountPct', 'Discount %', 'percent', 'no', ['Discount', 'Discount Percent']),
    col('currency', 'Currency', 'text', 'no', ['Opportunity Currency', 'Deal Currency Code', 'Currency ISO Code', 'Currency Code']),
    col('paymentTerms', 'Payment Terms', 'enum', 'no', ['Terms'], ['Net 15', 'Net 30', 'Net 45', 'Net 60', 'Net 90', 'Due on Receipt']),
    col('paymentMethod', 'Payment Method', 'enum', 'no', [], ['Card', 'ACH', 'Wire', 'Check', 'Invoice'],
      { 'Credit Card': 'Card', 'Wire Transfer': 'Wire', 'Bank Transfer': 'Wire', Cheque: 'Check' }),
    col('taxJurisdiction', 'Tax Jurisdiction', 'id', 'no', ['Jurisdiction', 'Tax Region']),
    col('taxExempt', 'Tax Exempt', 'boolean', 'no', [], YES_NO),
    col('usageMetric', 'Usage Metric', 'id', 'for Usage lines', ['Metric', 'Billable Metric']),
    col('includedUnits', 'Included Units', 'decimal', 'no', ['Included Quantity', 'Allowance']),
    col('tierTable', 'Tier Table', 'id', 'for Tiered/Volume', ['Price Tier Table', 'Tiers']),
    col('packageSize', 'Package Size', 'decimal', 'for Package', ['Units Per Package']),
    col('minimumCommit', 'Minimum Commit', 'money', 'no', ['Minimum Commitment', 'Commit']),
    col('salesChannel', 'Sales Channel', 'enum', 'no', ['Channel', 'GTM Motion'], ['Self-Serve', 'Sales-Led'],
      { 'Self-Service': 'Self-Serve', PLG: 'Self-Serve', Online: 'Self-Serve', Sales: 'Sales-Led', Direct: 'Sales-Led' }),
    col('closeDate', 'Close Date', 'date', 'no', ['Closed Date', 'Date Closed', 'Booking Date']),
    col('stage', 'Stage', 'text', 'no', ['Deal Stage', 'Opportunity Stage', 'Status']),
    col('owner', 'Owner', 'text', 'no', ['Opportunity Owner', 'Deal Owner', 'Account Owner', 'Sales Rep']),
    col('poNumber', 'PO Number', 'id', 'no', ['Purchase Order', 'PO', 'Purchase Order Number']),
    col('billingContact', 'Billing Contact', 'text', 'no', ['Bill To Contact', 'Billing Contact Name']),
    col('billingEmail', 'Billing Email', 'text', 'no', ['Bill To Email', 'Billing Contact Email', 'Invoice Email']),
    col('billToAddress', 'Bill-To Address', 'text', 'no', ['Billing Address', 'Bill To']),
  ],
};

const AMENDMENTS: InputSheetSchema = {
  name: 'Amendments',
  tableName: 'Amendments',
  columns: [
    col('contractId', 'Contract ID', 'id', 'yes', ['Opportunity ID', 'Deal ID']),
    col('product', 'Product', 'text', 'no (all products for Cancel)', ['Product Name']),
    col('effectiveDate', 'Effective Date', 'date', 'yes', ['Effective']),
    col('type', 'Type', 'enum', 'yes', ['Amendment Type', 'Change Type'],
      ['Upgrade', 'Downgrade', 'Quantity Change', 'Price Change', 'Add Product', 'Cancel'],
      { Cancellation: 'Cancel', Cancelled: 'Cancel', Canceled: 'Cancel', Termination: 'Cancel', 'Add-On': 'Add Product' }),
    col('newQuantity', 'New Quantity', 'decimal', 'no', ['Quantity']),
    col('newUnitPrice', 'New Unit Price', 'money', 'no', ['Unit Price', 'New Price']),
    col('proration', 'Proration', 'enum', 'no', ['Proration Method'], ['Daily', '30/360', 'None'],
      { Actual: 'Daily', 'Actual Days': 'Daily', '30-360': '30/360', 'No Proration': 'None' }),
    col('bookedDate', 'Booked Date', 'date', 'no', ['Booked', 'Entered Date']),
    col('amendmentId', 'Amendment ID', 'id', 'no', ['Amendment', 'Change ID']),
    col('note', 'Note', 'text', 'no', ['Notes', 'Comment', 'Description']),
  ],
};

const MILESTONES: InputSheetSchema = {
  name: 'Milestones',
  tableName: 'Milestones',
  columns: [
    col('contractId', 'Contract ID', 'id', 'yes'),
    col('product', 'Product', 'text', 'yes'),
    col('milestone', 'Milestone', 'text', 'yes', ['Milestone Name', 'Description']),
    col('date', 'Date', 'date', 'yes', ['Milestone Date', 'Invoice Date']),
    col('amount', 'Amount', 'money', 'yes', ['Milestone Amount']),
  ],
};

const USAGE: InputSheetSchema = {
  name: 'Usage',
  tableName: 'Usage',
  columns: [
    col('contractId', 'Contract ID', 'id', 'yes'),
    col('usageMetric', 'Usage Metric', 'id', 'yes', ['Metric', 'Billable Metric']),
    col('date', 'Date', 'date', 'yes', ['Usage Date', 'Timestamp']),
    col('quantity', 'Quantity', 'decimal', 'yes', ['Units', 'Usage', 'Value']),
  ],
};

const PRICE_TIERS: InputSheetSchema = {
  name: 'Price Tiers',
  tableName: 'PriceTiers',
  columns: [
    col('tierTable', 'Tier Table', 'id', 'yes', ['Table', 'Tier Name']),
    col('fromUnits', 'From Units', 'decimal', 'yes', ['From', 'Lower Bound']),
    col('toUnits', 'To Units', 'decimal', 'no', ['To', 'Up To', 'Upper Bound']),
    col('unitPrice', 'Unit Price', 'money', 'one of Unit Price / Flat Fee', ['Price', 'Per Unit']),
    col('flatFee', 'Flat Fee', 'money', 'no', ['Flat Amount']),
  ],
};

const FX_RATES: InputSheetSchema = {
  name: 'FX Rates',
  tableName: 'FXRates',
  columns: [
    col('currency', 'Currency', 'text', 'yes', ['From Currency']),
    col('rate', 'Rate', 'decimal', 'yes', ['Exchange Rate', 'FX Rate']),
    col('asOf', 'As Of', 'date', 'yes', ['Date', 'Effective Date', 'As Of Date']),
  ],
};

const TAX_RATES: InputSheetSchema = {
  name: 'Tax Rates',
  tableName: 'TaxRates',
  columns: [
    col('jurisdiction', 'Jurisdiction', 'id', 'yes', ['Tax Jurisdiction', 'Region']),
    col('rate', 'Rate %', 'percent', 'yes', ['Rate', 'Tax Rate', 'Tax Rate %']),
    col('taxName', 'Tax Name', 'text', 'no', ['Tax', 'Name']),
    col('effectiveFrom', 'Effective From', 'date', 'no', ['Effective Date', 'From']),
  ],
};

const SETTINGS: InputSheetSchema = {
  name: 'Settings',
  tableName: 'Settings',
  columns: [
    col('setting', 'Setting', 'text', 'yes', ['Settings', 'Name', 'Parameter']),
    col('value', 'Value', 'text', 'no'),
  ],
};

export const INVOICE_STATUSES = ['Paid', 'Open', 'Void', 'Uncollectible'];
/** Stripe's lower-case statuses, and its draft (ignored by reconciliation). */
export const INVOICE_STATUS_ALIASES: Record<string, string> = { Draft: 'Draft', Voided: 'Void', Unpaid: 'Open' };

const INVOICES: InputSheetSchema = {
  name: 'Invoices',
  tableName: 'Invoices',
  columns: [
    col('invoiceId', 'Invoice ID', 'id', 'yes', ['Invoice Number', 'Invoice', 'id', 'Number']),
    col('contractId', 'Contract ID', 'id', 'no', ['contract_id (metadata)', 'Contract']),
    col('customer', 'Customer', 'text', 'no', ['Customer Name']),
    col('customerId', 'Customer ID', 'id', 'no', []),
    col('invoiceDate', 'Invoice Date', 'date', 'yes', ['Date (UTC)', 'Date']),
    col('periodStart', 'Period Start', 'date', 'no', ['Period Start (UTC)', 'Service Period Start']),
    col('periodEnd', 'Period End', 'date', 'no', ['Period End (UTC)', 'Service Period End']),
    col('subtotal', 'Subtotal', 'money', 'yes', ['Net Amount', 'Subtotal Amount']),
    col('tax', 'Tax', 'money', 'no', ['Tax Amount']),
    col('total', 'Total', 'money', 'no (Subtotal + Tax)', ['Total Amount']),
    col('currency', 'Currency', 'text', 'no', []),
    col('status', 'Status', 'enum', 'yes', ['Invoice Status'], INVOICE_STATUSES, INVOICE_STATUS_ALIASES),
    col('createdAt', 'Created At', 'datetime', 'no', ['Created (UTC)', 'Created']),
    col('manualAdjustment', 'Manual Adjustment', 'boolean', 'no', ['manual_adjustment (metadata)', 'Manual'], YES_NO),
  ],
};

const PAYMENTS: InputSheetSchema = {
  name: 'Payments',
  tableName: 'Payments',
  columns: [
    col('paymentId', 'Payment ID', 'id', 'no', ['id', 'Charge ID', 'Payment Intent ID']),
    col('invoiceId', 'Invoice ID', 'id', 'yes', ['Invoice', 'Invoice Number']),
    col('attemptDate', 'Attempt Date', 'date', 'yes', ['Created (UTC)', 'Payment Date', 'Date', 'Created']),
    col('amount', 'Amount', 'money', 'yes', ['Amount Paid']),
    col('currency', 'Currency', 'text', 'no', []),
    col('status', 'Status', 'enum', 'yes', ['Payment Status'], ['Succeeded', 'Failed', 'Refunded'],
      { Success: 'Succeeded', Successful: 'Succeeded', Paid: 'Succeeded', Failure: 'Failed', Declined: 'Failed', Refund: 'Refunded' }),
    col('attempt', 'Attempt', 'integer', 'no', ['Attempt Number', 'Attempt Count', 'Retry']),
    col('failureReason', 'Failure Reason', 'text', 'no', ['Failure Message', 'Decline Reason', 'Failure Code']),
  ],
};

const SYNC_LOG: InputSheetSchema = {
  name: 'Sync Log',
  tableName: 'SyncLog',
  columns: [
    col('timestamp', 'Timestamp', 'datetime', 'yes', ['Time', 'Date', 'Created At']),
    col('integration', 'Integration', 'text', 'no', ['Flow', 'Connector']),
    col('status', 'Status', 'enum', 'yes', ['Result'], ['Success', 'Failure'],
      { Succeeded: 'Success', OK: 'Success', Failed: 'Failure', Error: 'Failure' }),
    col('records', 'Records', 'integer', 'no', ['Record Count', 'Rows']),
    col('error', 'Error', 'text', 'no', ['Error Message', 'Message']),
  ],
};

/** Setup writes these headers and drop-downs, in this order. */
export const INPUT_SHEETS: InputSheetSchema[] = [
  CONTRACTS, AMENDMENTS, MILESTONES, USAGE, PRICE_TIERS, FX_RATES, TAX_RATES, SETTINGS, INVOICES, PAYMENTS, SYNC_LOG,
];

export function inputSheet(name: InputSheetName): InputSheetSchema {
  return INPUT_SHEETS.find((s) => s.name === name)!;
}

/**
 * Every setting of workbook.md with the value Setup writes (the playbook's thresholds).
 * As Of Date and Reconciliation Month are left blank: blank means today and the month before.
 */
export const SETTINGS_DEFAULTS: { setting: string; value: string; note: string }[] = [
  { setting: 'Reporting Currency', value: 'USD', note: 'ISO 4217 code that reports, FX rates and thresholds are in' },
  { setting: 'Default Payment Terms', value: 'Net 30', note: 'Net 15/30/45/60/90 or Due on Receipt, for contract lines with none' },
  { setting: 'Proration Method', value: 'Daily', note: 'Daily, 30/360 or None' },
  { setting: 'Rounding', value: 'Half Up', note: 'Half Up (away from zero, as Excel ROUND) or Half Even' },
  { setting: 'Billing Entity', value: 'Default', note: 'issuing legal entity for lines with none' },
  { setting: 'Time Zone', value: 'UTC', note: 'IANA name (America/New_York) or offset (+05:30); date-times without an offset are read in it' },
  { setting: 'Ramp Revenue', value: 'Straight-Line', note: 'Straight-Line or As Billed' },
  { setting: 'As Of Date', value: '', note: 'blank = today' },
  { setting: 'Reconciliation Month', value: '', note: 'yyyy-mm; blank = the month before the As Of Date' },
  { setting: 'Discrepancy Amount Threshold', value: '100', note: 'in the reporting currency' },
  { setting: 'Discrepancy Percent Threshold', value: '1%', note: 'of the expected subtotal' },
  { setting: 'Failed Payment Rate Red Flag', value: '10%', note: '' },
  { setting: 'Failed Payment Rate Target', value: '5%', note: '' },
  { setting: 'Sync Failure Lookback Days', value: '7', note: 'days' },
  { setting: 'Sync Failures Per Month Trigger', value: '5', note: 'Failure rows in the month' },
  { setting: 'Invoice Error Rate Trigger', value: '2%', note: 'of non-void invoices' },
  { setting: 'Amendment Volume Trigger', value: '20%', note: 'of contracts active in the month' },
  { setting: 'Billing Lag Target Hours', value: '24', note: 'hours' },
  { setting: 'Billing Lag Red Flag Hours', value: '48', note: 'hours' },
  { setting: 'Manual Intervention Target', value: '10%', note: 'invoices with Manual Adjustment = Yes' },
  { setting: 'Manual Intervention Red Flag', value: '25%', note: '' },
  { setting: 'Dunning Retry Days', value: '3, 5, 7', note: 'days after the first failed attempt' },
  { setting: 'CRM', value: '', note: 'e.g. Salesforce, HubSpot' },
  { setting: 'Billing Tool', value: '', note: 'e.g. Stripe, Chargebee; blank = none yet' },
  { setting: 'ERP', value: '', note: 'e.g. NetSuite, QuickBooks' },
];
