import { analyzeBook } from '../../src/analysis/analyzeBook';
import { renderAnalysisSheets } from '../../src/workbook/render/analysisSheets';
import { cleanRow, input, usageRecord } from './book';

test('a 10,000-line book with 50,000 usage rows is analysed in seconds (nothing grows with lines x usage rows)', () => {
  const rows = Array.from({ length: 10000 }, (_, i) => (i % 4 === 0
    ? cleanRow(i + 2, { billingFrequency: 'Usage', usageMetric: 'Calls', unitPrice: 0.01 })
    : cleanRow(i + 2, { contractId: `S${i}`, paymentMethod: i % 3 === 0 ? 'Card' : 'Wire' })));
  const usage = Array.from({ length: 50000 }, (_, i) => usageRecord(`C${(i % 2500) * 4 + 2}`, 'Calls', i + 2));
  const started = Date.now();
  const result = analyzeBook(input(rows, { usage }));
  const sheets = renderAnalysisSheets(result, {});
  expect(Date.now() - started).toBeLessThan(30000);
  expect(result.audit.contracts.length).toBe(10000);
  expect(sheets.find((s) => s.name === 'Gap Analysis')!.rows.find((r) => r[0] === 'Usage events')![2]).toBe('present');
});
