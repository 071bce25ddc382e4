import { analyzeBook } from '../../src/analysis/analyzeBook';
import { renderAnalysisSheets } from '../../src/workbook/render/analysisSheets';
import { cleanRow, input, settings } from './book';

function mappingSheet(extras: Parameters<typeof input>[1], rows = [cleanRow(2), cleanRow(3, { billingContact: 'Ann' })]) {
  return renderAnalysisSheets(analyzeBook(input(rows, extras)), {}).find((s) => s.name === 'Field Mapping')!;
}

describe('Field Mapping', () => {
  test('Salesforce -> Stripe -> invoice -> NetSuite, with the supplying column and how full it is', () => {
    const sheet = mappingSheet({ settings: settings({ crm: 'Salesforce', billingTool: 'Stripe Billing', erp: 'NetSuite OneWorld' }) });
    expect(sheet.columns.map((c) => c.header)).toEqual(['Billing Input', 'Contracts Column', 'Rows Filled', '% Filled', 'CRM Field', 'Billing Field', 'Invoice Field', 'ERP Field', 'Status']);
    const row = (input: string) => sheet.rows.find((r) => r[0] === input)!;
    expect(row('Close Date')).toEqual(['Close Date', 'Close Date', 2, 1, 'Opportunity.CloseDate', '(trigger only)', '(trigger only)', 'Sales order date', 'ASSUMED']);
    expect(row('Unit Price')).toEqual(['Unit Price', 'Unit Price', 2, 1, 'OpportunityLineItem.UnitPrice', 'Price.unit_amount', 'Invoice line: Unit Price', 'Invoice line: rate', 'ASSUMED']);
    expect(row('Billing Contact')).toEqual(['Billing Contact', 'Billing Contact', 1, 0.5, 'OpportunityContactRole (billing)', 'Customer.name / invoice_settings', 'Draft Invoices: Billing Contact', 'Customer: billing contact', 'ASSUMED']);
    expect(row('PO Number')[3]).toBe(0);
    expect(sheet.flags).toContainEqual({ row: sheet.rows.indexOf(row('Billing Contact')), column: 3 });
    expect(sheet.notes![0]).toBe('CRM: Salesforce (Settings). Billing tool: Stripe. ERP: NetSuite.');
  });

  test('HubSpot -> Tabs; Zuora, Chargebee and Metronome have their own fields', () => {
    const tabs = mappingSheet({ settings: settings({ crm: 'HubSpot', billingTool: 'Tabs' }) });
    expect(tabs.rows.find((r) => r[0] === 'Total Contract Value')!.slice(4, 6)).toEqual(['Line item: amount / Deal: amount', 'Contract: Total Contract Amount']);
    expect(tabs.rows.find((r) => r[0] === 'Close Date')![7]).toBe('(ERP field)');
    const zuora = mappingSheet({ settings: settings({ billingTool: 'Zuora' }) });
    expect(zuora.rows.find((r) => r[0] === 'Payment Terms')!.slice(4, 6)).toEqual(['(CRM field)', 'Account.PaymentTerm']);
    const chargebee = mappingSheet({ settings: settings({ billingTool: 'Chargebee' }) });
    expect(chargebee.rows.find((r) => r[0] === 'PO Number')![5]).toBe('Subscription.po_number');
    const metronome = mappingSheet({ settings: settings({ billingTool: 'Metronome' }) });
    expect(metronome.rows.find((r) => r[0] === 'Usage Metric')![5]).toBe('Billable metric');
  });

  test('a HubSpot deal export is recognised by its column names when Settings names no CRM', () => {
    const result = analyzeBook(input([cleanRow(2)], { headers: ['Record ID', 'Deal Name', 'Deal Stage', 'Close Date', 'Amount'] }));
    expect(result.crm).toEqual({ crm: 'HubSpot', basis: 'HubSpot (recognised from columns Record ID, Deal Name, Deal Stage)' });
    expect(result.fieldMapping.rows.find((r) => r.input === 'Stage')!.crmField).toBe('Deal: dealstage');
  });

  test('a Salesforce opportunity export is recognised too; a plain sheet is not', () => {
    const sf = analyzeBook(input([cleanRow(2)], { headers: ['Opportunity ID', 'Account Name', 'Stage', 'Close Date', 'Sales Price'] }));
    expect(sf.crm.crm).toBe('Salesforce');
    const plain = analyzeBook(input([cleanRow(2)]));
    expect(plain.crm).toEqual({ crm: null, basis: 'no CRM named in Settings or recognised from the columns' });
  });

  test('a column missing from Contracts shows as such', () => {
    const rows = [cleanRow(2)];
    const i = input(rows);
    i.columnStats = i.columnStats.filter((s) => s.field !== 'poNumber');
    const po = analyzeBook(i).fieldMapping.rows.find((r) => r.input === 'PO Number')!;
    expect([po.contractsColumn, po.filled, po.filledShare]).toEqual(['(not in Contracts)', 0, 0]);
  });
});
