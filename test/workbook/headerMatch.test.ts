import { headerKeys, headersMatch, headerUnit, matchHeaders } from '../../src/workbook/headerMatch';
import { inputSheet } from '../../src/workbook/inputSheets';

const contracts = inputSheet('Contracts').columns;

function mapping(headers: string[]): Record<string, string | null> {
  const m = matchHeaders(headers, contracts);
  return Object.fromEntries(headers.map((h, i) => [h, m.fieldOf[i]]));
}

describe('header matching', () => {
  test('case, spaces, punctuation and a trailing unit in brackets do not matter', () => {
    for (const typed of ['Start Date', 'start_date', 'StartDate', 'START-DATE', ' start date ', 'Start Date (UTC)']) {
      expect(headersMatch(typed, 'Start Date')).toBe(true);
    }
    expect(headersMatch('Unit Price (USD)', 'Unit Price')).toBe(true);
    expect(headersMatch('Term', 'Term (Months)')).toBe(true);
    expect(headersMatch('Term Months', 'Term (Months)')).toBe(true);
    expect(headersMatch('Discount', 'Discount %')).toBe(true);
    expect(headersMatch('End Date', 'Start Date')).toBe(false);
    expect(headerKeys('Unit Price (USD)')).toEqual(['unitpriceusd', 'unitprice']);
    expect(headerUnit('Date (UTC)')).toBe('utc');
    expect(headerUnit('Date')).toBeNull();
  });

  test('our own headers, typed loosely', () => {
    expect(mapping(['contract_id', 'CUSTOMER', 'product', 'StartDate', 'term (months)', 'billing-frequency', 'Unit Price (EUR)', 'Discount %', 'Notes'])).toEqual({
      contract_id: 'contractId', CUSTOMER: 'customer', product: 'product', StartDate: 'startDate', 'term (months)': 'termMonths',
      'billing-frequency': 'billingFrequency', 'Unit Price (EUR)': 'unitPrice', 'Discount %': 'discountPct', Notes: null,
    });
  });

  test('a Salesforce Opportunity (with products) export', () => {
    expect(mapping([
      'Opportunity ID', 'Opportunity Name', 'Account Name', 'Account ID', 'Close Date', 'Stage', 'Amount', 'Opportunity Owner',
      'Product Name', 'Quantity', 'Sales Price', 'List Price', 'Total Price', 'Discount', 'Opportunity Currency', 'Service Date',
      'Payment Terms',
    ])).toEqual({
      'Opportunity ID': 'contractId', 'Opportunity Name': null, 'Account Name': 'customer', 'Account ID': 'customerId',
      'Close Date': 'closeDate', Stage: 'stage', Amount: null, 'Opportunity Owner': 'owner', 'Product Name': 'product',
      Quantity: 'quantity', 'Sales Price': 'unitPrice', 'List Price': null, 'Total Price': 'totalContractValue',
      Discount: 'discountPct', 'Opportunity Currency': 'currency', 'Service Date': 'startDate', 'Payment Terms': 'paymentTerms',
    });
  });

  test('a HubSpot Deal export', () => {
    expect(mapping([
      'Record ID', 'Deal Name', 'Associated Company', 'Close Date', 'Deal Stage', 'Amount', 'Deal owner', 'Deal currency code',
      'Pipeline', 'Create Date',
    ])).toEqual({
      'Record ID': 'contractId', 'Deal Name': null, 'Associated Company': 'customer', 'Close Date': 'closeDate',
      'Deal Stage': 'stage', Amount: 'totalContractValue', 'Deal owner': 'owner', 'Deal currency code': 'currency',
      Pipeline: null, 'Create Date': null,
    });
  });

  test('an opportunity name stands in for the ID only when no ID column exists', () => {
    expect(mapping(['Opportunity Name', 'Account Name'])['Opportunity Name']).toBe('contractId');
  });

  test('a column typed like one already read is a duplicate; an exact header outranks a synonym', () => {
    const m = matchHeaders(['Start Date', 'start_date', 'Service Date'], contracts);
    expect(m.fieldOf).toEqual(['startDate', null, null]);
    expect(m.duplicates).toEqual([{ column: 1, field: 'startDate', firstColumn: 0 }]);
    // "Amount" is TCV's synonym, but "Total Contract Value" typed exactly wins wherever it stands
    const n = matchHeaders(['Amount', 'Total Contract Value'], contracts);
    expect(n.fieldOf).toEqual([null, 'totalContractValue']);
  });
});
