import { TOOL_TOPIC, toolStrategyRow, type AnalysisResult, type StrategyRow } from '../../analysis/analyzeBook';
import { BILLING_READY_RULE } from '../../analysis/analyzeBook';
import { CONTRACT_FIELD_LABELS } from '../../analysis/contractRows';
import { carryGapEdits, OWNER_RULE, SEVERITY_RULE } from '../../analysis/gapAnalysis';
import { CONTRACT_MOTION_RULE, BOOK_MOTION_RULE } from '../../analysis/gtmMotion';
import { isBlankCell, previousRows, rowKey } from '../../analysis/previousTable';
import { toolCatalog } from '../../analysis/toolCatalog';
import {
  carryToolEdits, editedScores, recommendTool, toolTotals, RECOMMENDATION_LABEL, TOTAL_LABEL, UNKNOWN,
  UNKNOWN_LABEL, WEIGHT_RULE, type ToolMatrix, type ToolRecommendation,
} from '../../analysis/toolSelection';
import { columnLetter, type InputGrid } from '../grid';
import type { ColumnSpec, OutCell, SheetSpec } from '../sheetSpec';
import { dateCell, textCell, yesNo } from './cells';

/**
 * The six strategy sheets (analysis.md) as SheetSpecs. Tables start at A1 with the header in
 * row 1, so data row i sits on Excel row i + 2: the Tool Selection formulas rely on that.
 */
export interface PreviousAnalysisSheets {
  gapAnalysis?: InputGrid | null;
  toolSelection?: InputGrid | null;
  /** optional: carries Strategy Status by Topic */
  strategy?: InputGrid | null;
}

const STATUS_LIST = ['ASSUMED', 'CONFIRMED'];
const WHOLE = '0';

function percentText(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function renderStrategy(rows: StrategyRow[], previous: InputGrid | null | undefined): SheetSpec {
  const before = new Map(previousRows(previous?.values, 'Topic').map((p) => [rowKey(p.key), p]));
  return {
    name: 'Strategy',
    tableName: 'Strategy',
    columns: [
      { header: 'Topic', kind: 'text', width: 30 },
      { header: 'Conclusion', kind: 'text', width: 40 },
      { header: 'Rule', kind: 'text', width: 70 },
      { header: 'Evidence', kind: 'text', width: 70 },
      { header: 'Status', kind: 'text', width: 12 },
    ],
    rows: rows.map((r) => {
      const typed = before.get(rowKey(r.topic))?.cells('Status');
      const status = !isBlankCell(typed) && STATUS_LIST.includes(String(typed).trim().toUpperCase()) ? String(typed).trim().toUpperCase() : r.status;
      return [textCell(r.topic), textCell(r.conclusion), textCell(r.rule), textCell(r.evidence), status];
    }),
    validations: [{ column: 4, list: STATUS_LIST }],
    notes: ['Every conclusion is ASSUMED until confirmed at the kickoff; set Status to CONFIRMED when it is (kept on re-run by Topic).'],
  };
}

function renderCrmDataAudit(result: AnalysisResult): SheetSpec {
  const columns: ColumnSpec[] = [
    { header: 'Contract ID', kind: 'text', width: 14 },
    { header: 'Customer', kind: 'text', width: 24 },
    { header: 'Lines', kind: 'integer', width: 7 },
    { header: 'Stage', kind: 'text', width: 14 },
    { header: 'Close Date', kind: 'date', width: 12 },
    { header: 'Currency', kind: 'text', width: 9 },
    { header: 'GTM Motion', kind: 'text', width: 12 },
    { header: 'Motion Basis', kind: 'text', width: 60 },
    { header: 'Billing-Ready', kind: 'text', width: 13 },
    { header: 'Problems', kind: 'integer', width: 9 },
    { header: 'Why Not', kind: 'text', width: 80 },
    { header: 'Rows', kind: 'text', width: 20 },
  ];
  const { audit, motions } = result;
  const rows = audit.contracts.map((c, i) => [
    textCell(c.contractId), textCell(c.customer), c.lines, textCell(c.stage), dateCell(c.closeDate), textCell(c.currency),
    motions[i]?.motion ?? '', textCell(motions[i]?.basis), yesNo(c.billingReady), c.problems.length, textCell(c.problems.join('; ')), textCell(c.rows),
  ]);
  const readyColumn = 8;
  const flags = audit.contracts.flatMap((c, row) => (c.billingReady ? [] : [{ row, column: readyColumn }, { row, column: 10 }]));
  const total = audit.contracts.length;
  return {
    name: 'CRM Data Audit',
    tableName: 'CRMDataAudit',
    columns,
    rows,
    flags,
    totalsRow: [
      'Total', `${total} contracts`, audit.contracts.reduce((s, c) => s + c.lines, 0), null, null, null,
      `${result.bookMotion.motion} book`, `${result.bookMotion.selfServe} Self-Serve, ${result.bookMotion.salesLed} Sales-Led`,
      percentText(audit.readyShare), audit.contracts.reduce((s, c) => s + c.problems.length, 0),
      `${audit.ready} of ${total} contracts billing-ready (${percentText(audit.readyShare)})`, null,
    ],
    notes: [BILLING_READY_RULE, `GTM Motion per contract: ${CONTRACT_MOTION_RULE}`, `Book: ${BOOK_MOTION_RULE}`],
  };
}

function renderCrmColumnAudit(result: AnalysisResult): SheetSpec {
  const rows = result.audit.columns.map((c) => [
    textCell(c.column), textCell(c.field === null ? '(not used)' : (CONTRACT_FIELD_LABELS[c.field] ?? c.field)), c.rows, c.filled, c.valid, c.filledShare, c.validShare, textCell(c.examples),
  ]);
  const flags = result.audit.columns.flatMap((c, row) => (c.valid < c.filled ? [{ row, column: 6 }] : []));
  return {
    name: 'CRM Column Audit',
    tableName: 'CRMColumnAudit',
    columns: [
      { header: 'Column', kind: 'text', width: 22 },
      { header: 'Maps To', kind: 'text', width: 20 },
      { header: 'Rows', kind: 'integer', width: 8 },
      { header: 'Filled', kind: 'integer', width: 8 },
      { header: 'Valid', kind: 'integer', width: 8 },
      { header: '% Filled', kind: 'percent', width: 10 },
      { header: '% Valid', kind: 'percent', width: 10 },
      { header: 'Example Problems', kind: 'text', width: 80 },
    ],
    rows,
    flags,
    notes: ['Filled = non-blank cells; Valid = cells that read as the column\'s type and allowed values (red where some filled cells are not valid).'],
  };
}

function renderGapAnalysis(result: AnalysisResult, previous: InputGrid | null | undefined): SheetSpec {
  const gaps = carryGapEdits(result.gaps, previous?.values);
  const severityColumn = 4;
  return {
    name: 'Gap Analysis',
    tableName: 'GapAnalysis',
    columns: [
      { header: 'Requirement', kind: 'text', width: 24 },
      { header: 'Source Field', kind: 'text', width: 30 },
      { header: 'Current State', kind: 'text', width: 18 },
      { header: 'Gap', kind: 'text', width: 70 },
      { header: 'Severity', kind: 'text', width: 10 },
      { header: 'Owner', kind: 'text', width: 10 },
      { header: 'Plan', kind: 'text', width: 70 },
      { header: 'Status', kind: 'text', width: 12 },
    ],
    rows: gaps.map((g) => [textCell(g.requirement), textCell(g.sourceField), textCell(g.currentState), textCell(g.gap), g.severity, textCell(g.owner), textCell(g.plan), textCell(g.status)]),
    flags: gaps.flatMap((g, row) => (g.severity === 'Blocker' ? [{ row, column: severityColumn }] : [])),
    validations: [{ column: 7, list: STATUS_LIST }],
    notes: [
      `Methodology: ${result.methodology.methodology} (${result.methodology.fired}).`,
      `Severity rule: ${SEVERITY_RULE}`,
      OWNER_RULE,
      'Status, Owner and Plan are yours: a re-run keeps them by Requirement; requirements the book no longer needs stay at the bottom marked "no longer derived".',
    ],
  };
}

function renderFieldMapping(result: AnalysisResult): SheetSpec {
  const m = result.fieldMapping;
  return {
    name: 'Field Mapping',
    tableName: 'FieldMapping',
    columns: [
      { header: 'Billing Input', kind: 'text', width: 20 },
      { header: 'Contracts Column', kind: 'text', width: 20 },
      { header: 'Rows Filled', kind: 'integer', width: 11 },
      { header: '% Filled', kind: 'percent', width: 10 },
      { header: 'CRM Field', kind: 'text', width: 36 },
      { header: 'Billing Field', kind: 'text', width: 36 },
      { header: 'Invoice Field', kind: 'text', width: 30 },
      { header: 'ERP Field', kind: 'text', width: 28 },
      { header: 'Status', kind: 'text', width: 12 },
    ],
    rows: m.rows.map((r) => [textCell(r.input), textCell(r.contractsColumn), r.filled, r.filledShare, textCell(r.crmField), textCell(r.billingField), textCell(r.invoiceField), textCell(r.erpField), r.status]),
    flags: m.rows.flatMap((r, row) => (r.filledShare < 1 ? [{ row, column: 3 }] : [])),
    validations: [{ column: 8, list: STATUS_LIST }],
    notes: [
      `CRM: ${m.crm}. Billing tool: ${m.billingTool}. ERP: ${m.erp}.`,
      'CRM field -> billing field -> invoice field -> ERP field. Vendor names are the usual standard objects; "custom" marks a field the CRM does not have by default. All ASSUMED until the Integration Design meeting.',
      '% Filled is over the Contracts rows (red below 100%).',
    ],
  };
}

interface ToolLayout {
  spec: SheetSpec;
  matrix: ToolMatrix;
}

const FIRST_TOOL_COLUMN = 4; // 0-based: Capability, Evidence, Default Weight, Weight, then tools

function renderToolSelection(result: AnalysisResult, previous: InputGrid | null | undefined): ToolLayout {
  const matrix = carryToolEdits(result.toolMatrix, previous?.values);
  const totals = toolTotals(matrix);
  const recommendation = recommendTool(matrix, totals);
  const live = matrix.rows.filter((r) => !r.noLongerDerived);
  const gone = matrix.rows.filter((r) => r.noLongerDerived);
  const tools = matrix.tools;
  const firstRow = 2;
  const lastRow = live.length + 1;
  const weightRange = `$D$${firstRow}:$D$${lastRow}`;
  const toolLetters = tools.map((_, i) => columnLetter(FIRST_TOOL_COLUMN + i + 1));
  const totalRow = lastRow + 1;

  const scoreCell = (s: number | null): OutCell => (s === null ? UNKNOWN : s);
  const rows: OutCell[][] = live.map((r) => [r.capability, r.evidence, r.defaultWeight, r.weight, ...r.scores.map(scoreCell)]);
  rows.push([TOTAL_LABEL, 'SUMPRODUCT of Weight and score (unknown counts as 0)', null, null,
    ...toolLetters.map((l, i) => (live.length === 0 ? 0 : { formula: `SUMPRODUCT(${weightRange},${l}${firstRow}:${l}${lastRow})`, result: totals[i].total.toNumber() }))]);
  rows.push([UNKNOWN_LABEL, 'scores not confirmed by the catalog', null, null,
    ...toolLetters.map((l, i) => (live.length === 0 ? 0 : { formula: `COUNTIF(${l}${firstRow}:${l}${lastRow},"${UNKNOWN}")`, result: totals[i].unknown }))]);
  const first = toolLetters[0];
  const last = toolLetters[toolLetters.length - 1];
  rows.push([RECOMMENDATION_LABEL, recommendation.why, null,
    live.length === 0 ? '' : { formula: `INDEX($${first}$1:$${last}$1,MATCH(MAX($${first}$${totalRow}:$${last}$${totalRow}),$${first}$${totalRow}:$${last}$${totalRow},0))`, result: recommendation.tool ?? '' },
    ...tools.map(() => null)]);
  for (const r of gone) rows.push([r.capability, r.evidence, r.defaultWeight, r.weight, ...r.scores.map(scoreCell)]);

  const flags: { row: number; column: number }[] = [];
  rows.forEach((row, i) => {
    if (i >= live.length && i < live.length + 3) return;
    row.slice(FIRST_TOOL_COLUMN).forEach((cell, j) => { if (cell === UNKNOWN) flags.push({ row: i, column: FIRST_TOOL_COLUMN + j }); });
  });
  totals.forEach((t, j) => { if (t.unknown > 0) flags.push({ row: live.length + 1, column: FIRST_TOOL_COLUMN + j }); });

  const edits = editedScores(matrix);
  const sources = Object.entries(toolCatalog.sources).map(([tool, urls]) => `${tool}: ${urls.join(', ')}`).join(' | ');
  const spec: SheetSpec = {
    name: 'Tool Selection',
    tableName: 'ToolSelection',
    columns: [
      { header: 'Capability', kind: 'text', width: 40 },
      { header: 'Evidence', kind: 'text', width: 44 },
      { header: 'Default Weight', kind: 'number', numberFormat: WHOLE, width: 9 },
      { header: 'Weight', kind: 'number', numberFormat: '0.##', width: 9 },
      ...tools.map((t): ColumnSpec => ({ header: t, kind: 'number', numberFormat: WHOLE, width: 11 })),
    ],
    rows,
    flags,
    notes: [
      `Weighted Total = SUMPRODUCT(Weight, score) over rows ${firstRow}-${lastRow}; totals count "${UNKNOWN}" as 0 (flagged red) and the ${UNKNOWN_LABEL} row counts them per tool. Edit a Weight or a score and the totals and the recommended tool recalculate.`,
      WEIGHT_RULE,
      `Scores 0-3 are catalog facts (billingTools.json as of ${toolCatalog.asOf}: 3 documented, 1 partial, 0 absent, ${UNKNOWN} = not confirmed), ` +
        (edits.length === 0 ? 'with no score typed over.' : `except these typed by an architect: ${edits.join('; ')}.`),
      `Catalog sources: ${sources}`,
      'Weights and scores you type are kept on re-run by Capability and Tool; capabilities the book no longer needs stay at the bottom marked "no longer derived", outside the totals.',
    ],
  };
  return { spec, matrix };
}

/** The top tool once the architect's weights and scores from the previous Tool Selection are in (for a job summary). */
export function rankedTool(result: AnalysisResult, previousToolSelection: InputGrid | null | undefined): ToolRecommendation {
  const matrix = carryToolEdits(result.toolMatrix, previousToolSelection?.values);
  return recommendTool(matrix, toolTotals(matrix));
}

/**
 * Strategy, CRM Data Audit, CRM Column Audit, Gap Analysis, Field Mapping, Tool Selection, with
 * the architect's edits from the previous run carried over.
 */
export function renderAnalysisSheets(result: AnalysisResult, previous: PreviousAnalysisSheets): SheetSpec[] {
  const toolSelection = renderToolSelection(result, previous.toolSelection);
  const ranking = rankedTool(result, previous.toolSelection);
  return [
    renderStrategy(result.strategy.map((row) => (row.topic === TOOL_TOPIC ? toolStrategyRow(ranking) : row)), previous.strategy),
    renderCrmDataAudit(result),
    renderCrmColumnAudit(result),
    renderGapAnalysis(result, previous.gapAnalysis),
    renderFieldMapping(result),
    toolSelection.spec,
  ];
}
