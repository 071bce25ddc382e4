import type { Amendment, ContractLine, FxRate, Milestone, PriceTier, Settings, TaxRate, UsageRecord } from '../core/model';
import { bookFacts, type BookFacts } from './bookFacts';
import { auditCrm, type CrmAudit } from './crmAudit';
import { detectCrm, fieldMapping, type CrmDetection, type FieldMapping } from './fieldMapping';
import { deriveGapRows, type GapRow } from './gapAnalysis';
import { bookMotion, contractMotion, CONTRACT_MOTION_RULE, type BookMotion, type ContractMotion } from './gtmMotion';
import { chooseMethodology, METHODOLOGY_RULE, type MethodologyChoice } from './methodology';
import type { ColumnStat, ContractRowRecord } from './model';
import { pricingModelsInUse, type PricingModelUse } from './pricingModels';
import { deriveToolNeeds, recommendTool, toolMatrix, toolTotals, type ToolMatrix, type ToolRecommendation } from './toolSelection';

/**
 * The analyze job's pure core: from the parsed book to every conclusion the strategy sheets show,
 * each with the rule that produced it and the evidence it counted. Nothing here is CONFIRMED:
 * an architect confirms at the kickoff.
 */
export interface AnalysisInput {
  /** billable lines */
  contracts: ContractLine[];
  /** every Contracts row incl. skipped ones, with their Issues */
  contractRows: ContractRowRecord[];
  columnStats: ColumnStat[];
  amendments: Amendment[];
  milestones: Milestone[];
  usage: UsageRecord[];
  priceTiers: PriceTier[];
  taxRates: TaxRate[];
  fxRates: FxRate[];
  settings: Settings;
  /** Contracts headers as typed, to recognise Salesforce/HubSpot exports */
  contractHeaders: string[];
}

export interface StrategyRow {
  topic: string;
  conclusion: string;
  rule: string;
  evidence: string;
  status: 'ASSUMED';
}

export interface AnalysisResult {
  strategy: StrategyRow[];
  audit: CrmAudit;
  /** per contract, aligned with audit.contracts */
  motions: ContractMotion[];
  bookMotion: BookMotion;
  pricingModels: PricingModelUse[];
  methodology: MethodologyChoice;
  gaps: GapRow[];
  fieldMapping: FieldMapping;
  /** derived weights and catalog scores, before an architect's edits are carried over */
  toolMatrix: ToolMatrix;
  crm: CrmDetection;
  facts: BookFacts;
}

export const BILLING_READY_RULE =
  'Billing-ready when the contract has none of the problems the playbook names: missing Close Date, missing or ' +
  'non-numeric amounts, no Payment Terms, Unit Price x Quantity x term disagreeing with Total Contract Value, End ' +
  'Date before Start Date, unknown currency, Stage not Closed Won, duplicate Contract ID lines that disagree on ' +
  'Customer or Currency, or any other Error the parser raised on its rows.';

function qualityRow(audit: CrmAudit): StrategyRow {
  const total = audit.contracts.length;
  const notReady = audit.contracts.filter((c) => !c.billingReady);
  const listed = notReady.slice(0, 5).map((c) => `${c.contractId} (${c.problems.length} problem${c.problems.length === 1 ? '' : 's'})`).join(', ');
  return {
    topic: 'CRM data quality',
    conclusion: `${(audit.readyShare * 100).toFixed(1)}% of contracts billing-ready (${audit.ready} of ${total})`,
    rule: BILLING_READY_RULE,
    evidence: notReady.length === 0 ? 'every contract passed the audit' : `not ready: ${listed}${notReady.length > 5 ? ` and ${notReady.length - 5} more` : ''}; see CRM Data Audit`,
    status: 'ASSUMED',
  };
}

export const TOOL_TOPIC = 'Tool shortlist';

/** The Strategy row for the tool ranking, once the architect's edits are in (the render computes it). */
export function toolStrategyRow(recommendation: ToolRecommendation): StrategyRow {
  return {
    topic: TOOL_TOPIC,
    conclusion: recommendation.tool ?? 'none',
    rule: 'Highest weighted total on Tool Selection (SUMPRODUCT of Weight and the 0-3 catalog score; unknown counts as 0).',
    evidence: recommendation.why,
    status: 'ASSUMED',
  };
}

export function analyzeBook(input: AnalysisInput): AnalysisResult {
  const { settings } = input;
  const facts = bookFacts(input);
  const audit = auditCrm(input.contractRows, input.columnStats, settings, input.milestones, input.priceTiers);
  const motions = facts.contracts.map((c) => contractMotion(c, facts.reportingCurrency));
  const motion = bookMotion(facts, motions);
  const models = pricingModelsInUse(facts);
  const methodology = chooseMethodology(facts, motion, models);
  const crm = detectCrm(settings, input.contractHeaders);
  const crmName = crm.crm ?? (settings.crm?.trim() || null);
  const gaps = deriveGapRows({ facts, methodology, models, audit, usage: input.usage, milestones: input.milestones, priceTiers: input.priceTiers, crmName });
  const mapping = fieldMapping(settings, crm, input.columnStats);
  const matrix = toolMatrix(deriveToolNeeds(facts, crmName));

  const strategy: StrategyRow[] = [
    { topic: 'GTM motion', conclusion: motion.motion, rule: `${motion.rule} Per contract: ${CONTRACT_MOTION_RULE}`, evidence: motion.evidence, status: 'ASSUMED' },
    ...models.map((m): StrategyRow => ({
      topic: `Pricing model: ${m.model}`,
      conclusion: m.inUse ? `in use (${m.contracts} contract${m.contracts === 1 ? '' : 's'})` : 'not in use',
      rule: m.rule,
      evidence: m.evidence,
      status: 'ASSUMED',
    })),
    { topic: 'Methodology', conclusion: methodology.methodology, rule: `${METHODOLOGY_RULE} Fired: ${methodology.fired}.`, evidence: methodology.evidence, status: 'ASSUMED' },
    qualityRow(audit),
    {
      topic: 'Systems in use',
      conclusion: `CRM: ${crm.basis}; Billing Tool: ${settings.billingTool?.trim() || 'none named'}; ERP: ${settings.erp?.trim() || 'none named'}`,
      rule: 'From Settings CRM, Billing Tool and ERP; a Salesforce Opportunity or HubSpot Deal export is recognised by its column names.',
      evidence: `Contracts columns: ${input.contractHeaders.join(', ')}`,
      status: 'ASSUMED',
    },
    // the catalog defaults' ranking; the render re-ranks once the architect's edits are carried over
    toolStrategyRow(recommendTool(matrix, toolTotals(matrix))),
  ];
  return { strategy, audit, motions, bookMotion: motion, pricingModels: models, methodology, gaps, fieldMapping: mapping, toolMatrix: matrix, crm, facts };
}
