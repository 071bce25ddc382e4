import type { Settings } from '../core/model';
import type { ColumnStat } from './model';
import { headerKey } from './previousTable';

/**
 * Field Mapping (playbook 2a and the "Field mapping reference" doc): for each billing input, the
 * CRM field that holds it, the billing tool's field it lands in, the invoice field it prints as,
 * and the ERP field it syncs to, with the Contracts column that supplies it today and how full it
 * is. Vendor field names are the usual standard objects; custom fields are marked "custom" and
 * everything stays ASSUMED until the Integration Design meeting confirms it.
 */
export type CrmName = 'Salesforce' | 'HubSpot';
export type BillingToolName = 'Stripe' | 'Tabs' | 'Metronome' | 'Chargebee' | 'Zuora';
export type ErpName = 'NetSuite';

interface FieldDef {
  input: string;
  field: string;
  invoice: string;
  crm: Record<CrmName, string>;
  billing: Record<BillingToolName, string>;
  erp: Record<ErpName, string>;
}

const F = (input: string, field: string, invoice: string, salesforce: string, hubspot: string,
  stripe: string, tabs: string, metronome: string, chargebee: string, zuora: string, netsuite: string): FieldDef => ({
  input, field, invoice,
  crm: { Salesforce: salesforce, HubSpot: hubspot },
  billing: { Stripe: stripe, Tabs: tabs, Metronome: metronome, Chargebee: chargebee, Zuora: zuora },
  erp: { NetSuite: netsuite },
});

const FIELDS: FieldDef[] = [
  F('Contract ID', 'contractId', 'Draft Invoices: Contract ID', 'Opportunity.Id', 'Deal: Record ID (hs_object_id)',
    'Subscription.metadata.contract_id', 'Contract: external ID', 'Contract: uniqueness key / custom field', 'Subscription.id or custom field', 'Subscription.Name',
    'Sales Order / custom body field'),
  F('Customer', 'customer', 'Draft Invoices: Customer', 'Account.Name', 'Associated Company: name',
    'Customer.name', 'Customer: name', 'Customer.name', 'Customer.company', 'Account.Name', 'Customer: companyname'),
  F('Customer ID', 'customerId', '(reference only)', 'Account.Id', 'Associated Company: Record ID',
    'Customer.metadata / Customer.id', 'Customer: external ID', 'Customer.ingest_aliases', 'Customer.id', 'Account.AccountNumber', 'Customer: entityid'),
  F('Billing Entity', 'billingEntity', 'Draft Invoices: Billing Entity', 'custom (Billing_Entity__c)', 'custom property',
    'Stripe account (one per entity)', 'Entity setting', 'custom field', 'Business entity', 'Entity (multi-entity)', 'Subsidiary'),
  F('Product', 'product', 'Invoice line: Product', 'OpportunityLineItem.Product2.Name', 'Line item: name / hs_sku',
    'Product.name / Price', 'Obligation: product', 'Rate card product', 'Item / Item Price', 'Product / ProductRatePlan', 'Item'),
  F('Start Date', 'startDate', 'Invoice line: Period Start', 'OpportunityLineItem.ServiceDate', 'Line item: hs_recurring_billing_start_date',
    'Subscription.start_date', 'Contract: start date', 'Contract.starting_at', 'Subscription.start_date', 'Subscription.ContractEffectiveDate', 'Rev rec start date (line)'),
  F('End Date', 'endDate', 'Invoice line: Period End', 'custom (End_Date__c)', 'custom property',
    'Subscription.cancel_at', 'Contract: end date', 'Contract.ending_before', 'Subscription contract_term end', 'Subscription.TermEndDate', 'Rev rec end date (line)'),
  F('Term (Months)', 'termMonths', '(schedule only)', 'Contract.ContractTerm', 'Line item: hs_recurring_billing_period',
    'Subscription Schedule phases', 'Contract: term', 'Contract dates', 'Subscription contract_term', 'Subscription.InitialTerm', 'Billing schedule'),
  F('Billing Frequency', 'billingFrequency', 'Billing Schedule: Period Start / End', 'custom (Billing_Frequency__c)', 'Line item: recurringbillingfrequency',
    'Price.recurring.interval / interval_count', 'Obligation: billing frequency', 'Rate card billing frequency', 'Item Price.period / period_unit', 'RatePlanCharge.BillingPeriod', 'Billing schedule'),
  F('Billing Timing', 'billingTiming', 'Draft Invoices: Invoice Date', 'custom', 'custom property',
    'Price.recurring.usage_type (metered = arrears)', 'Obligation: advance / arrears', 'Product: in advance / arrears', 'Site / item billing setting', 'RatePlanCharge.BillingTiming', '(none)'),
  F('Quantity', 'quantity', 'Invoice line: Quantity', 'OpportunityLineItem.Quantity', 'Line item: quantity',
    'SubscriptionItem.quantity', 'Obligation: quantity', 'Rate quantity / seats', 'subscription_items.quantity', 'RatePlanCharge.Quantity', 'Invoice line: quantity'),
  F('Unit Price', 'unitPrice', 'Invoice line: Unit Price', 'OpportunityLineItem.UnitPrice', 'Line item: price',
    'Price.unit_amount', 'Obligation: price', 'Rate card rate / override', 'Item Price.price', 'RatePlanCharge.Price', 'Invoice line: rate'),
  F('Total Contract Value', 'totalContractValue', 'Draft Invoices: Subtotal (over the term)', 'OpportunityLineItem.TotalPrice', 'Line item: amount / Deal: amount',
    '(no contract-value field: derived)', 'Contract: Total Contract Amount', 'Commit amount', 'contract_term.total_contract_value', 'Subscription.totalContractedValue', 'Sales order total'),
  F('Discount %', 'discountPct', 'Invoice line: Discount', 'OpportunityLineItem.Discount', 'Line item: hs_discount_percentage',
    'Coupon.percent_off', 'Obligation: discount', 'Rate override', 'Coupon.discount_percentage', 'Discount charge', 'Discount item'),
  F('Currency', 'currency', 'Draft Invoices: Currency', 'Opportunity.CurrencyIsoCode', 'Deal: deal_currency_code',
    'Price.currency', 'Contract: currency', 'Contract / credit type currency', 'Item Price.currency_code', 'Account.Currency', 'Currency'),
  F('Payment Terms', 'paymentTerms', 'Draft Invoices: Due Date', 'custom (Payment_Terms__c)', 'custom property',
    'Subscription.days_until_due', 'Customer: net terms', 'Invoice net terms', 'Customer.net_term_days', 'Account.PaymentTerm', 'Terms'),
  F('Payment Method', 'paymentMethod', '(collection)', 'custom (Payment_Method__c)', 'custom property',
    'collection_method / default_payment_method', 'Customer: payment method', 'Billing provider setting', 'Customer.auto_collection / payment source', 'Account.DefaultPaymentMethodId', 'Payment method'),
  F('Tax Jurisdiction', 'taxJurisdiction', 'Draft Invoices: Tax', 'Account.BillingState / BillingCountry', 'Company: state / country',
    'Customer.address (Stripe Tax)', 'Customer: tax settings', 'Tax integration', 'Customer.billing_address (taxability)', 'SoldToContact address + tax engine', 'Tax code / nexus'),
  F('Tax Exempt', 'taxExempt', 'Draft Invoices: Tax', 'custom (Tax_Exempt__c)', 'custom property',
    'Customer.tax_exempt', 'Customer: tax exempt', 'Tax integration', 'Customer.taxability', 'Account.TaxExemptStatus', 'Customer: taxable'),
  F('Usage Metric', 'usageMetric', 'Invoice line: Usage', 'custom (Usage_Metric__c)', 'custom property',
    'Billing Meter.event_name', 'Usage: event type', 'Billable metric', 'Metered item / usage', 'RatePlanCharge.UOM', 'Usage item'),
  F('Tier Table', 'tierTable', 'Invoice line: Unit Price', 'custom / price book', 'custom property',
    'Price.tiers / tiers_mode', 'Obligation: tiers', 'Rate card tiers', 'Item Price.tiers / pricing_model', 'RatePlanCharge tiers (ChargeModel)', 'Price level'),
  F('Minimum Commit', 'minimumCommit', 'Invoice line: True-Up', 'custom (Minimum_Commit__c)', 'custom property',
    '(no native field)', 'Obligation: minimum', 'Commit', '(no native field)', 'Minimum commitment charge', '(none)'),
  F('Close Date', 'closeDate', '(trigger only)', 'Opportunity.CloseDate', 'Deal: closedate',
    '(trigger only)', '(trigger only)', '(trigger only)', '(trigger only)', '(trigger only)', 'Sales order date'),
  F('Stage', 'stage', '(trigger: Closed Won)', 'Opportunity.StageName', 'Deal: dealstage',
    '(trigger only)', '(trigger only)', '(trigger only)', '(trigger only)', '(trigger only)', '(none)'),
  F('PO Number', 'poNumber', 'Draft Invoices: PO Number', 'custom (PO_Number__c)', 'custom property',
    'Invoice.custom_fields (PO Number)', 'Invoice: PO number', 'Invoice custom field', 'Subscription.po_number', 'Invoice custom field', 'Invoice: PO # (otherrefnum)'),
  F('Billing Contact', 'billingContact', 'Draft Invoices: Billing Contact', 'OpportunityContactRole (billing)', 'Associated Contact (billing)',
    'Customer.name / invoice_settings', 'Customer: billing contact', 'Customer billing contact', 'Customer.billing_address name', 'Account.BillToContact', 'Customer: billing contact'),
  F('Billing Email', 'billingEmail', 'Draft Invoices: Billing Email', 'Contact.Email (billing role)', 'Contact: email',
    'Customer.email', 'Customer: billing email', 'Customer billing email', 'Customer.email', 'BillToContact.WorkEmail', 'Customer: email'),
  F('Bill-To Address', 'billToAddress', 'Draft Invoices: Bill-To Address', 'Account.BillingAddress', 'Company: address / city / state / zip / country',
    'Customer.address', 'Customer: billing address', 'Customer billing address', 'Customer.billing_address', 'BillToContact address', 'Bill To (billaddress)'),
];

/** Markers that recognise an export by its column names (at least two must be present). */
const EXPORT_MARKERS: Record<CrmName, string[]> = {
  Salesforce: ['Opportunity ID', 'Opportunity Name', 'Account Name', 'Opportunity Owner', 'Stage', 'Sales Price', 'Total Price', 'Product Name', 'Fiscal Period'],
  HubSpot: ['Record ID', 'Deal Name', 'Deal Stage', 'Deal owner', 'Pipeline', 'Associated Company', 'Amount in company currency'],
};

export interface CrmDetection {
  crm: CrmName | null;
  /** e.g. "Salesforce (Settings)", "HubSpot (recognised from columns Deal Name, Deal Stage)" */
  basis: string;
}

function matchName<T extends string>(value: string | null, names: readonly T[]): T | null {
  if (!value) return null;
  const key = headerKey(value);
  return names.find((n) => key.includes(headerKey(n))) ?? null;
}

export function detectCrm(settings: Settings, contractHeaders: readonly string[]): CrmDetection {
  const named = matchName(settings.crm, ['Salesforce', 'HubSpot'] as const);
  if (named) return { crm: named, basis: `${named} (Settings)` };
  const typed = new Set(contractHeaders.map(headerKey));
  let best: { crm: CrmName; hits: string[] } | null = null;
  for (const crm of ['Salesforce', 'HubSpot'] as const) {
    const hits = EXPORT_MARKERS[crm].filter((m) => typed.has(headerKey(m)));
    if (hits.length >= 2 && (best === null || hits.length > best.hits.length)) best = { crm, hits };
  }
  if (best) return { crm: best.crm, basis: `${best.crm} (recognised from columns ${best.hits.join(', ')})` };
  if (settings.crm && settings.crm.trim() !== '') return { crm: null, basis: `${settings.crm.trim()} (Settings; no field catalog for it)` };
  return { crm: null, basis: 'no CRM named in Settings or recognised from the columns' };
}

export interface FieldMappingRow {
  input: string;
  contractsColumn: string;
  filled: number;
  rows: number;
  /** filled / rows, 0 when the column is absent */
  filledShare: number;
  crmField: string;
  billingField: string;
  invoiceField: string;
  erpField: string;
  status: 'ASSUMED';
}

export interface FieldMapping {
  crm: string;
  billingTool: string;
  erp: string;
  rows: FieldMappingRow[];
}

export function fieldMapping(settings: Settings, crm: CrmDetection, stats: readonly ColumnStat[]): FieldMapping {
  const tool = matchName(settings.billingTool, ['Stripe', 'Tabs', 'Metronome', 'Chargebee', 'Zuora'] as const);
  const erp = matchName(settings.erp, ['NetSuite'] as const);
  const toolLabel = tool ?? (settings.billingTool ? `${settings.billingTool} (no field catalog)` : 'none named');
  const erpLabel = erp ?? (settings.erp ? `${settings.erp} (no field catalog)` : 'none named');
  const rows = FIELDS.map((f): FieldMappingRow => {
    const stat = stats.find((s) => s.field === f.field) ?? null;
    return {
      input: f.input,
      contractsColumn: stat ? stat.header : '(not in Contracts)',
      filled: stat ? stat.filled : 0,
      rows: stat ? stat.rows : 0,
      filledShare: stat && stat.rows > 0 ? stat.filled / stat.rows : 0,
      crmField: crm.crm ? f.crm[crm.crm] : `(${settings.crm?.trim() || 'CRM'} field)`,
      billingField: tool ? f.billing[tool] : `(${settings.billingTool?.trim() || 'billing tool'} field)`,
      invoiceField: f.invoice,
      erpField: erp ? f.erp[erp] : `(${settings.erp?.trim() || 'ERP'} field)`,
      status: 'ASSUMED',
    };
  });
  return { crm: crm.basis, billingTool: toolLabel, erp: erpLabel, rows };
}
