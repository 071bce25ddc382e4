import { createFakeExcel } from '../support/fakeExcel';
import { createOfficePaneHost, locateValueCell, settingRows } from '../../src/taskpane/officePaneHost';
import { splitAddress } from '../../src/taskpane/paneHost';
import { extendFakeForPane } from './support/paneFakeExcel';

const settingsSheet = [
  ['Setting', 'Value'],
  ['Reporting Currency', 'USD'],
  ['As Of Date', 46112], // 2026-03-31
  ['Reconciliation Month', '2026-02-01'],
  ['Discrepancy Percent Threshold', 0.01],
];

async function setUp(seed: Parameters<typeof createFakeExcel>[0]) {
  const fake = createFakeExcel(seed);
  const pane = await extendFakeForPane(fake);
  const host = createOfficePaneHost({ run: pane.run, dateSystem: async () => 1900 });
  return { fake, pane, host };
}

describe('splitAddress', () => {
  it.each([
    ['Contracts!F14', 'Contracts', 'F14'],
    ["'Price Tiers'!B3", 'Price Tiers', 'B3'],
    ['Price Tiers!B3', 'Price Tiers', 'B3'],
    ["'Bob''s Book'!A1", "Bob's Book", 'A1'],
    ['Settings', 'Settings', null],
  ])('%s -> %s / %s', (address, sheet, cell) => {
    expect(splitAddress(address)).toEqual({ sheet, cell });
  });
});

describe('Settings rows', () => {
  it('finds the Value cell under a Setting / Value header anywhere on the sheet', () => {
    const values = [['Q2C settings', ''], ['', ''], ['Setting', 'Value'], ['Rounding', 'Half Up'], ['Time Zone', 'UTC']];
    expect(locateValueCell(values, 'time zone')).toEqual({ row: 4, column: 1 });
    expect(locateValueCell(values, 'Missing')).toBeNull();
    expect(locateValueCell([['a', 'b']], 'Rounding')).toBeNull();
  });

  it('reads dates from serials with a date format and from ISO text', () => {
    const rows = settingRows(
      [['Setting', 'Value'], ['As Of Date', 46112], ['Reconciliation Month', '2026-02-01'], ['Sync Failure Lookback Days', 7]],
      [['Setting', 'Value'], ['As Of Date', '3/31/2026'], ['Reconciliation Month', '2026-02-01'], ['Sync Failure Lookback Days', '7']],
      [['General', 'General'], ['General', 'yyyy-mm-dd'], ['General', '@'], ['General', 'General']],
      1900,
    );
    expect(rows).toEqual([
      { setting: 'As Of Date', text: '3/31/2026', isoDate: '2026-03-31' },
      { setting: 'Reconciliation Month', text: '2026-02-01', isoDate: '2026-02-01' },
      { setting: 'Sync Failure Lookback Days', text: '7', isoDate: null },
    ]);
  });

  it('reads serials in the 1904 system', () => {
    const rows = settingRows([['Setting', 'Value'], ['As Of Date', 44650]], [['', ''], ['', '']], [['General', 'General'], ['General', 'd-mmm-yy']], 1904);
    expect(rows[0].isoDate).toBe('2026-03-31');
  });
});

describe('officePaneHost against the fake Excel', () => {
  it('selects an issue cell on its sheet', async () => {
    const { pane, host } = await setUp({ Contracts: [['Contract ID']], Settings: settingsSheet });
    await host.selectCell('Contracts!F14');
    expect(pane.record).toMatchObject({ activeSheet: 'Contracts', selected: 'Contracts!F14' });
    await host.activateSheet('Settings');
    expect(pane.record.activeSheet).toBe('Settings');
  });

  it('names the missing sheet instead of failing silently', async () => {
    const { host } = await setUp({});
    await expect(host.selectCell('Contracts!F14')).rejects.toMatchObject({
      name: 'PaneHostError',
      code: 'ItemNotFound',
      message: 'Could not select Contracts!F14: there is no sheet named "Contracts" in this workbook',
    });
  });

  it('reads the Settings rows as Excel shows them', async () => {
    const { fake, host } = await setUp({ Settings: settingsSheet });
    fake.setNumberFormat('Settings', 'B3', 'yyyy-mm-dd');
    fake.setNumberFormat('Settings', 'B5', '0.00%');
    expect(await host.readSettings()).toEqual([
      { setting: 'Reporting Currency', text: 'USD', isoDate: null },
      { setting: 'As Of Date', text: '46112', isoDate: '2026-03-31' },
      { setting: 'Reconciliation Month', text: '2026-02-01', isoDate: '2026-02-01' },
      { setting: 'Discrepancy Percent Threshold', text: '1.00%', isoDate: null },
    ]);
  });

  it('has no settings before Setup', async () => {
    const { host } = await setUp({ Contracts: [['Contract ID']] });
    expect(await host.readSettings()).toEqual([]);
  });

  it('writes only the Value cell of the edited setting', async () => {
    const { fake, host } = await setUp({ Settings: settingsSheet });
    const before = fake.values('Settings');
    await host.writeSettingValue('reporting currency', 'EUR');
    const after = fake.values('Settings');
    expect(after[1]).toEqual(['Reporting Currency', 'EUR']);
    expect(after.filter((_, i) => i !== 1)).toEqual(before.filter((_, i) => i !== 1));
    await expect(host.writeSettingValue('No Such Setting', '1')).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('draws KPI line charts beside the KPIs table and replaces them on a re-run', async () => {
    const kpis = [
      ['Month', 'Invoices', 'Invoice Accuracy Rate', 'Median Billing Lag (h)', 'Failed Payment Rate', 'Manual Intervention Rate', 'DSO'],
      [46023, 10, 1, 12, 0.05, 0.1, 31.5],
      [46054, 12, 0.9, 30, 0.12, 0.2, 33.25],
      [46082, 11, 1, 20, 0.02, 0.05, 30],
    ];
    const { pane, host } = await setUp({ KPIs: kpis });
    expect(await host.addKpiCharts()).toBe(3);
    expect(await host.addKpiCharts()).toBe(3);
    expect(pane.record.charts.map((c) => ({ name: c.name, type: c.type, series: c.series, position: c.position }))).toEqual([
      {
        name: 'Q2C KPI Rates',
        type: 'Line',
        series: [
          { name: 'Invoice Accuracy Rate', values: 'C2:C4', xAxis: 'A2:A4' },
          { name: 'Failed Payment Rate', values: 'E2:E4', xAxis: 'A2:A4' },
          { name: 'Manual Intervention Rate', values: 'F2:F4', xAxis: 'A2:A4' },
        ],
        position: 'I1:P15',
      },
      { name: 'Q2C KPI Billing lag (hours)', type: 'Line', series: [{ name: 'Median Billing Lag (h)', values: 'D2:D4', xAxis: 'A2:A4' }], position: 'I17:P31' },
      { name: 'Q2C KPI DSO (days)', type: 'Line', series: [{ name: 'DSO', values: 'G2:G4', xAxis: 'A2:A4' }], position: 'I33:P47' },
    ]);
  });

  it('draws nothing when the KPIs sheet has no months', async () => {
    const { pane, host } = await setUp({ KPIs: [['Month', 'DSO']] });
    expect(await host.addKpiCharts()).toBe(0);
    expect(pane.record.charts).toEqual([]);
  });
});
