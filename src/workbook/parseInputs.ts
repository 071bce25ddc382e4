import type { CalendarDate } from '../core/calendarDate';
import type { Issue, JobName } from '../core/issue';
import type { BillingInputs, Settings } from '../core/model';
import type { ColumnStat, ContractRowRecord } from '../analysis/model';
import type { ReconciliationInputs } from '../reconcile/model';
import { columnIndex, InputGrid } from './grid';
import { inputSheet, InputSheetName } from './inputSheets';
import { CanonicalNames } from './parse/canonical';
import { emptyContractNames, finishContracts, milestoneKey, readContractRows } from './parse/contracts';
import { readAmendments } from './parse/amendments';
import { readMilestones } from './parse/milestones';
import { readUsage } from './parse/usage';
import { readPriceTiers } from './parse/priceTiers';
import { readFxRates } from './parse/fxRates';
import { readTaxRates } from './parse/taxRates';
import { readSettingsSheet } from './parse/settings';
import { readInvoices } from './parse/invoices';
import { readPayments } from './parse/payments';
import { readSyncLog } from './parse/syncLog';
import { idKey } from './cellParse';
import { ReadContext, SheetTable } from './parse/sheetTable';

/**
 * The input sheets, read into the records the pure rooms work on, with every problem as an
 * Issue naming its cell. Nothing here throws on bad input: a bad cell skips its row, and
 * every good row is still read.
 */

export interface ParseContext {
  job: JobName;
  today: CalendarDate;
  overrides?: { asOfDate?: CalendarDate; reconciliationMonth?: CalendarDate };
}

type Grids = Partial<Record<InputSheetName, InputGrid | null>>;

/** Settings from the Settings sheet (defaults for anything blank or bad); --as-of and --month win. */
export function parseSettings(grid: InputGrid | null, ctx: ParseContext): { settings: Settings; issues: Issue[] } {
  const { settings, issues } = readSettingsSheet(grid, ctx.job, ctx.today, ctx.overrides);
  return { settings, issues: inCellOrder(issues) };
}

function tableOf(grids: Grids, name: InputSheetName, ctx: ReadContext): SheetTable | null {
  const grid = grids[name];
  return grid ? new SheetTable(grid, inputSheet(name).columns, ctx) : null;
}

/**
 * Everything the Bill and Analyze jobs need. Settings are read here too (their Issues are
 * included), so callers need not call parseSettings as well.
 */
export function parseBillingInputs(grids: Grids, ctx: ParseContext): {
  inputs: BillingInputs;
  contractRows: ContractRowRecord[];
  columnStats: ColumnStat[];
  rowsRead: Record<string, number>;
  issues: Issue[];
} {
  const settingsRead = readSettingsSheet(grids.Settings ?? null, ctx.job, ctx.today, ctx.overrides);
  const settings = settingsRead.settings;
  const readCtx: ReadContext = { job: ctx.job, timeZone: settings.timeZone };
  const names = emptyContractNames();
  const issues: Issue[] = [];

  const contractsTable = tableOf(grids, 'Contracts', readCtx);
  if (!contractsTable) {
    issues.push({
      job: ctx.job, severity: 'Error', sheet: 'Contracts', cell: 'Contracts', column: '', value: '',
      problem: 'There is no Contracts sheet or table, so there is nothing to bill',
      fix: 'Add a Contracts sheet (Set up workbook creates one) whose first row holds the headers, one row per contract line',
    });
  }
  const drafts = contractsTable ? readContractRows(contractsTable, names) : [];

  const amendmentsTable = tableOf(grids, 'Amendments', readCtx);
  const milestonesTable = tableOf(grids, 'Milestones', readCtx);
  const usageTable = tableOf(grids, 'Usage', readCtx);
  const tiersTable = tableOf(grids, 'Price Tiers', readCtx);
  const fxTable = tableOf(grids, 'FX Rates', readCtx);
  const taxTable = tableOf(grids, 'Tax Rates', readCtx);

  const amendments = amendmentsTable ? readAmendments(amendmentsTable, names, settings) : [];
  const milestones = milestonesTable ? readMilestones(milestonesTable, names) : [];
  const usage = usageTable ? readUsage(usageTable, names) : [];
  const priceTiers = tiersTable ? readPriceTiers(tiersTable, names) : [];
  const fxRates = fxTable ? readFxRates(fxTable) : [];
  const taxRates = taxTable ? readTaxRates(taxTable, names) : [];

  const contracts = contractsTable
    ? finishContracts(contractsTable, drafts, settings, {
      milestones: new Set(milestones.map((m) => milestoneKey(m.contractId, m.product))),
      tierTables: new Set(priceTiers.map((t) => idKey(t.tierTable))),
    })
    : { lines: [], rows: [], skippedContractIds: [], columnStats: [] };

  const tables = [contractsTable, amendmentsTable, milestonesTable, usageTable, tiersTable, fxTable, taxTable];
  for (const table of tables) if (table) issues.push(...inCellOrder(table.issues()));
  issues.push(...inCellOrder(settingsRead.issues));

  const rowsRead: Record<string, number> = {};
  const sheetNames: InputSheetName[] = ['Contracts', 'Amendments', 'Milestones', 'Usage', 'Price Tiers', 'FX Rates', 'Tax Rates'];
  sheetNames.forEach((name, i) => { rowsRead[name] = tables[i]?.rows.length ?? 0; });
  rowsRead.Settings = settingsRead.rowsRead;

  return {
    inputs: {
      contracts: contracts.lines,
      amendments,
      milestones,
      usage,
      priceTiers,
      fxRates,
      taxRates,
      settings,
      skippedContractIds: contracts.skippedContractIds,
    },
    contractRows: contracts.rows,
    columnStats: contracts.columnStats,
    rowsRead,
    issues,
  };
}

/**
 * The billing-system exports for Reconcile. Contract IDs take their Contracts spelling when the
 * Contracts grid is passed too; Payments' Invoice IDs take the Invoices spelling.
 */
export function parseReconciliationInputs(grids: Grids, settings: Settings, ctx: ParseContext): {
  inputs: ReconciliationInputs;
  rowsRead: Record<string, number>;
  issues: Issue[];
} {
  const readCtx: ReadContext = { job: ctx.job, timeZone: settings.timeZone };
  const contractIds = new CanonicalNames();
  if (grids.Contracts) {
    const idColumn = inputSheet('Contracts').columns.filter((c) => c.field === 'contractId');
    // only the spellings are wanted here; Contracts' own Issues belong to Bill and Analyze
    for (const row of new SheetTable(grids.Contracts, idColumn, readCtx).rows) {
      const id = row.id('contractId');
      if (id !== null) contractIds.add(id);
    }
  }
  const issues: Issue[] = [];
  const read = grids.Invoices ? readInvoices(grids.Invoices, readCtx, settings, contractIds) : null;
  const invoiceIds = new CanonicalNames();
  for (const invoice of read?.invoices ?? []) invoice.invoiceId = invoiceIds.add(invoice.invoiceId);
  const paymentsTable = tableOf(grids, 'Payments', readCtx);
  const payments = paymentsTable ? readPayments(paymentsTable, settings) : [];
  for (const payment of payments) payment.invoiceId = invoiceIds.get(payment.invoiceId);
  const syncTable = tableOf(grids, 'Sync Log', readCtx);
  const syncLog = syncTable ? readSyncLog(syncTable) : [];
  for (const table of [read?.table, paymentsTable, syncTable]) if (table) issues.push(...inCellOrder(table.issues()));
  return {
    inputs: { invoices: read?.invoices ?? [], payments, syncLog },
    rowsRead: {
      Invoices: read?.table.rows.length ?? 0,
      Payments: paymentsTable?.rows.length ?? 0,
      'Sync Log': syncTable?.rows.length ?? 0,
    },
    issues,
  };
}

/** Issues of one sheet as a reader scans it: sheet-wide first, then by row, then by column. */
function inCellOrder(issues: Issue[]): Issue[] {
  const position = (issue: Issue): [number, number] => {
    const m = /!([A-Z]+)(\d+)$/.exec(issue.cell);
    return m ? [Number(m[2]), columnIndex(m[1])] : [0, 0];
  };
  return issues
    .map((issue, order) => ({ issue, order, at: position(issue) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.order - b.order)
    .map((x) => x.issue);
}
