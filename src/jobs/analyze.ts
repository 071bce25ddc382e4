import { analyzeBook } from '../analysis/analyzeBook';
import type { Issue } from '../core/issue';
import { rankedTool, renderAnalysisSheets } from '../workbook/render/analysisSheets';
import type { SheetSpec } from '../workbook/sheetSpec';
import type { SummaryItem } from './job';
import type { Grids, ParsedBook } from './parsedBook';

export interface AnalysisOutput {
  specs: SheetSpec[];
  issues: Issue[];
  summary: SummaryItem[];
}

/** Build matrices: Strategy, CRM Data Audit, CRM Column Audit, Gap Analysis, Field Mapping, Tool Selection. */
export function computeAnalysis(parsed: ParsedBook, grids: Grids): AnalysisOutput {
  const { inputs } = parsed;
  const contractsGrid = grids['Contracts'];
  const result = analyzeBook({
    contracts: inputs.contracts,
    contractRows: parsed.contractRows,
    columnStats: parsed.columnStats,
    amendments: inputs.amendments,
    milestones: inputs.milestones,
    usage: inputs.usage,
    priceTiers: inputs.priceTiers,
    taxRates: inputs.taxRates,
    fxRates: inputs.fxRates,
    settings: inputs.settings,
    contractHeaders: (contractsGrid?.values[0] ?? []).map((h) => String(h ?? '')),
  });
  const specs = renderAnalysisSheets(result, {
    gapAnalysis: grids['Gap Analysis'] ?? null,
    toolSelection: grids['Tool Selection'] ?? null,
    strategy: grids['Strategy'] ?? null,
  });
  // Ranked with the architect's edited weights and scores, as the sheet's formulas rank them.
  const tool = rankedTool(result, grids['Tool Selection']);
  return {
    specs,
    issues: [],
    summary: [
      { label: 'Contracts billing-ready', value: `${result.audit.ready} of ${result.audit.contracts.length} (${(result.audit.readyShare * 100).toFixed(1)}%)` },
      { label: 'GTM motion', value: result.bookMotion.motion },
      { label: 'Methodology', value: result.methodology.methodology },
      { label: 'Top tool', value: tool.tool ?? 'none' },
    ],
  };
}
