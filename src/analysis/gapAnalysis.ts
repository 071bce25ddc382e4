import type { Milestone, PriceTier, UsageRecord } from '../core/model';
import type { RawCell } from '../workbook/grid';
import type { BookFacts, ContractFacts } from './bookFacts';
import { cellOf, normalisedId, typedIn, type ContractField } from './contractRows';
import { amountProblems, type CrmAudit } from './crmAudit';
import type { MethodologyChoice } from './methodology';
import type { ContractRowRecord } from './model';
import { isBlankCell, NO_LONGER_DERIVED, previousRows, rowKey } from './previousTable';
import type { PricingModelUse } from './pricingModels';

/**
 * Gap Analysis: each billing input the chosen methodology needs, measured in the book. The
 * requirements come from the data (which pricing models are in use) and from the playbook's
 * gotchas (tax, multi-currency, ERP, RevRec, dunning, amendments, cutover), not a fixed list.
 */
export type Severity = 'Blocker' | 'High' | 'Medium' | 'Low';
export type Owner = 'RevOps' | 'Finance' | 'IT';
export type GapStatus = 'ASSUMED' | 'CONFIRMED';
/** what a requirement protects: critical = no invoice without it; accuracy = wrong or late invoices; supporting = the rest */
export type Importance = 'critical' | 'accuracy' | 'supporting';

export const SEVERITY_RULE =
  'Low: present wherever the book needs it (confirm only). Otherwise by what the requirement protects: ' +
  'Blocker = no invoice can be issued without it (contract dates, price, billing frequency, usage metric and events, ' +
  'tier tables, milestones; the CRM-to-billing flow under Information Handoff); High = invoices go out wrong or late ' +
  'without it (payment terms, currency, tax, Closed Won trigger, contacts, CRM data quality, and the processes the ' +
  'methodology depends on); Medium = supporting inputs and processes outside the methodology\'s core. ' +
  'A process the workbook cannot show (dunning, ERP sync, RevRec scope, amendment process, cutover) is missing until confirmed.';

export const OWNER_RULE = 'Owner: RevOps for CRM fields and the deal process, Finance for terms, tax, currency, pricing and revenue policy, IT for integrations and data pipelines.';

export interface Measure {
  /** "present", "partly filled n%" or "missing" */
  currentState: string;
  /** share of what needs it that has it (0..1); 0 for a process not designed */
  share: number;
  gap: string;
}

export interface GapContext {
  facts: BookFacts;
  methodology: MethodologyChoice;
  models: readonly PricingModelUse[];
  audit: CrmAudit;
  usage: readonly UsageRecord[];
  milestones: readonly Milestone[];
  priceTiers: readonly PriceTier[];
  crmName: string | null;
}

interface RequirementDef {
  requirement: string;
  sourceField: string;
  owner: Owner;
  plan: string;
  applies: (ctx: GapContext) => boolean;
  importance: (ctx: GapContext) => Importance;
  measure: (ctx: GapContext) => Measure;
}

export interface GapRow {
  requirement: string;
  sourceField: string;
  currentState: string;
  gap: string;
  severity: Severity | '';
  owner: string;
  plan: string;
  status: string;
  importance: Importance | null;
  share: number | null;
  noLongerDerived: boolean;
}

function stateOf(ok: number, total: number): string {
  if (total > 0 && ok === total) return 'present';
  if (ok === 0) return 'missing';
  return `partly filled ${Math.round((ok / total) * 100)}%`;
}

function cellList(cells: string[]): string {
  const shown = cells.slice(0, 3).join(', ');
  return cells.length > 3 ? `${shown} and ${cells.length - 3} more` : shown;
}

/** Coverage over rows (lines) that need a field. */
function lineCoverage(rows: readonly ContractRowRecord[], what: string, ok: (r: ContractRowRecord) => boolean, cellField: ContractField): Measure {
  const failing = rows.filter((r) => !ok(r));
  const passed = rows.length - failing.length;
  return {
    currentState: stateOf(passed, rows.length),
    share: rows.length === 0 ? 0 : passed / rows.length,
    gap: failing.length === 0 ? `none: all ${rows.length} lines have ${what}; confirm` : `${failing.length} of ${rows.length} lines lack ${what}: ${cellList(failing.map((r) => cellOf(r, cellField)))}`,
  };
}

/** Coverage over contracts (contract-level fields inherit across lines). */
function contractCoverage(contracts: readonly ContractFacts[], what: string, ok: (c: ContractFacts) => boolean): Measure {
  const failing = contracts.filter((c) => !ok(c));
  const passed = contracts.length - failing.length;
  const names = failing.slice(0, 3).map((c) => c.contractId).join(', ') + (failing.length > 3 ? ` and ${failing.length - 3} more` : '');
  return {
    currentState: stateOf(passed, contracts.length),
    share: contracts.length === 0 ? 0 : passed / contracts.length,
    gap: failing.length === 0 ? `none: all ${contracts.length} contracts have ${what}; confirm` : `${failing.length} of ${contracts.length} contracts lack ${what}: ${names}`,
  };
}

function process(gap: string): Measure {
  return { currentState: 'missing', share: 0, gap };
}

const allRows = (ctx: GapContext) => ctx.facts.contracts.flatMap((c) => c.rows);
const inUse = (ctx: GapContext, model: PricingModelUse['model']) => ctx.models.some((m) => m.model === model && m.inUse);
const method = (ctx: GapContext) => ctx.methodology.methodology;
const selfServePath = (ctx: GapContext) => method(ctx) === 'PLG Self-Serve Billing Setup' || method(ctx) === 'Hybrid Billing';
const handoff = (ctx: GapContext) => method(ctx) === 'Information Handoff';
const always = () => true;
const anyTyped = (c: ContractFacts, ...fields: ContractField[]) => c.rows.some((r) => fields.some((f) => typedIn(r, f)));
const tieredRows = (ctx: GapContext) => allRows(ctx).filter((r) => r.line.pricingModel === 'Tiered' || r.line.pricingModel === 'Volume');
const usageRows = (ctx: GapContext) => allRows(ctx).filter((r) => r.line.billingFrequency === 'Usage');

function pct(n: number, d: number): string {
  return d === 0 ? '0%' : `${((n / d) * 100).toFixed(1)}%`;
}

const REQUIREMENTS: RequirementDef[] = [
  {
    requirement: 'Contract dates', sourceField: 'Start Date, End Date / Term (Months)', owner: 'RevOps',
    plan: 'Make Start Date and End Date (or Term) required at Closed Won and backfill the open lines in the CRM.',
    applies: always, importance: () => 'critical',
    measure: (ctx) => lineCoverage(allRows(ctx), 'valid start and end dates', (r) => r.line.startDate !== undefined && r.line.endDate !== undefined && r.line.endDate >= r.line.startDate, 'startDate'),
  },
  {
    requirement: 'Price', sourceField: 'Unit Price / Total Contract Value', owner: 'RevOps',
    plan: 'Fill Unit Price or Total Contract Value on every line and make Unit Price x Quantity x term agree with TCV before the sync.',
    applies: always, importance: () => 'critical',
    measure: (ctx) => lineCoverage(
      allRows(ctx).filter((r) => r.line.billingFrequency !== 'Milestone' && ['Flat', 'Package'].includes(r.line.pricingModel ?? 'Flat')),
      'a readable price that agrees with TCV',
      (r) => ((r.line.unitPrice ?? null) !== null || (r.line.totalContractValue ?? null) !== null) && amountProblems(r, ctx.milestones, ctx.priceTiers).length === 0,
      'unitPrice'),
  },
  {
    requirement: 'Billing frequency', sourceField: 'Billing Frequency', owner: 'RevOps',
    plan: 'Add a required Billing Frequency picklist (Monthly, Quarterly, Annual, Upfront, Milestone, Usage) to the deal line.',
    applies: always, importance: () => 'critical',
    measure: (ctx) => lineCoverage(allRows(ctx), 'a Billing Frequency', (r) => r.line.billingFrequency !== undefined, 'billingFrequency'),
  },
  {
    requirement: 'Payment terms', sourceField: 'Payment Terms', owner: 'Finance',
    plan: 'Agree standard payment terms and record exceptions on the deal so invoice due dates match the contract.',
    applies: always, importance: () => 'accuracy',
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'typed Payment Terms', (c) => c.netDays !== null),
  },
  {
    requirement: 'Currency', sourceField: 'Currency', owner: 'Finance',
    plan: 'Record the contract currency on every deal; a blank is billed in the reporting currency.',
    applies: always, importance: (ctx) => (inUse(ctx, 'Multi-currency') ? 'critical' : 'accuracy'),
    measure: (ctx) => lineCoverage(allRows(ctx), 'a typed, known currency', (r) => typedIn(r, 'currency') && r.line.currency !== undefined && r.issues.every((i) => i.cell !== cellOf(r, 'currency')), 'currency'),
  },
  {
    requirement: 'Closed Won trigger', sourceField: 'Stage, Close Date', owner: 'RevOps',
    plan: 'Use Stage = Closed Won with a Close Date as the event that creates the billing schedule; take open-stage deals out of the billing book.',
    applies: always, importance: () => 'accuracy',
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'Stage Closed Won with a Close Date',
      (c) => c.lines.some((l) => l.closeDate !== undefined && l.closeDate !== null) && c.lines.some((l) => !!l.stage) &&
        c.lines.every((l) => !l.stage || l.stage.toLowerCase().replace(/[^a-z]/g, '') === 'closedwon')),
  },
  {
    requirement: 'CRM data quality', sourceField: 'Contracts (every column)', owner: 'RevOps',
    plan: 'Fix each Why Not on the CRM Data Audit in the CRM itself (not in billing) and re-run the audit before the integration build.',
    applies: always, importance: () => 'accuracy',
    measure: (ctx) => {
      const { ready, contracts } = ctx.audit;
      const total = contracts.length;
      return {
        currentState: stateOf(ready, total),
        share: total === 0 ? 0 : ready / total,
        gap: ready === total ? `none: all ${total} contracts billing-ready; confirm` : `${total - ready} of ${total} contracts not billing-ready (${pct(ready, total)} ready): see CRM Data Audit`,
      };
    },
  },
  {
    requirement: 'Billing contact', sourceField: 'Billing Contact, Billing Email', owner: 'RevOps',
    plan: 'Capture a billing contact and email on every account; invoices need somewhere to go.',
    applies: always, importance: (ctx) => (method(ctx) === 'PLG Self-Serve Billing Setup' ? 'supporting' : 'accuracy'),
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'a Billing Contact or Billing Email', (c) => anyTyped(c, 'billingContact', 'billingEmail')),
  },
  {
    requirement: 'Bill-to address', sourceField: 'Bill-To Address', owner: 'RevOps',
    plan: 'Capture bill-to addresses on accounts (tax engines also place the customer by it).',
    applies: always, importance: () => 'supporting',
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'a Bill-To Address', (c) => anyTyped(c, 'billToAddress')),
  },
  {
    requirement: 'Tax jurisdiction', sourceField: 'Tax Jurisdiction, Tax Exempt', owner: 'Finance',
    plan: "Record each customer's tax jurisdiction, or its exemption with the certificate, before invoices go out.",
    applies: always, importance: () => 'accuracy',
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'a Tax Jurisdiction or Tax Exempt = Yes', (c) => c.taxable || c.lines.some((l) => l.taxExempt === true)),
  },
  {
    requirement: 'Tax engine', sourceField: 'Tax Rates sheet', owner: 'IT',
    plan: "Scope the tax engine (Avalara, Stripe Tax or the billing tool's own) in Phase 1 for every jurisdiction; not 'later'.",
    applies: (ctx) => ctx.facts.jurisdictions.length > 0, importance: () => 'accuracy',
    measure: (ctx) => {
      const total = ctx.facts.jurisdictions.length;
      const missing = ctx.facts.jurisdictionsWithoutRate;
      return {
        currentState: stateOf(total - missing.length, total),
        share: total === 0 ? 0 : (total - missing.length) / total,
        gap: missing.length === 0 ? `rates for all ${total} jurisdictions (${ctx.facts.jurisdictions.join(', ')}); engine integration to confirm` : `${missing.length} of ${total} jurisdictions have no rate: ${missing.join(', ')}`,
      };
    },
  },
  {
    requirement: 'Multi-currency', sourceField: 'Currency, FX Rates sheet', owner: 'Finance',
    plan: 'Scope conversion rates, localized tax and multi-currency invoice formats in discovery, not in QA.',
    applies: (ctx) => inUse(ctx, 'Multi-currency'), importance: () => 'accuracy',
    measure: (ctx) => {
      const foreign = ctx.facts.currencies.filter((c) => c !== ctx.facts.reportingCurrency);
      const missing = ctx.facts.currenciesWithoutRate;
      return {
        currentState: stateOf(foreign.length - missing.length, foreign.length),
        share: foreign.length === 0 ? 0 : (foreign.length - missing.length) / foreign.length,
        gap: missing.length === 0 ? `FX rates for ${foreign.join(', ')}; invoice formats and rate source to confirm` : `no FX rate to ${ctx.facts.reportingCurrency} for ${missing.join(', ')}`,
      };
    },
  },
  {
    requirement: 'Usage metric', sourceField: 'Usage Metric', owner: 'RevOps',
    plan: 'Name the usage metric on every usage line, spelled as the metering system emits it.',
    applies: (ctx) => inUse(ctx, 'Usage'), importance: () => 'critical',
    measure: (ctx) => lineCoverage(usageRows(ctx), 'a Usage Metric', (r) => !!r.line.usageMetric, 'usageMetric'),
  },
  {
    requirement: 'Usage events', sourceField: 'Usage sheet', owner: 'IT',
    plan: 'Test the metering pipeline end to end (events reach billing at the expected volume and latency) before building billing on it: no usage data means $0 invoices.',
    applies: (ctx) => inUse(ctx, 'Usage'), importance: () => 'critical',
    measure: (ctx) => {
      const metered = new Set(ctx.usage.map((u) => `${normalisedId(u.contractId)}\u0000${normalisedId(u.usageMetric)}`));
      return lineCoverage(usageRows(ctx), 'Usage rows for their metric',
        (r) => !!r.line.usageMetric && metered.has(`${normalisedId(r.line.contractId ?? '')}\u0000${normalisedId(r.line.usageMetric)}`),
        'usageMetric');
    },
  },
  {
    requirement: 'Tier tables', sourceField: 'Tier Table, Price Tiers sheet', owner: 'Finance',
    plan: "Load every tier table into the billing tool's price book under the names the CRM uses.",
    applies: (ctx) => tieredRows(ctx).length > 0, importance: () => 'critical',
    measure: (ctx) => lineCoverage(tieredRows(ctx),
      'a Tier Table found on Price Tiers', (r) => !!r.line.tierTable && ctx.priceTiers.some((t) => normalisedId(t.tierTable) === normalisedId(r.line.tierTable ?? '')), 'tierTable'),
  },
  {
    requirement: 'Milestone schedule', sourceField: 'Milestones sheet', owner: 'Finance',
    plan: 'Agree milestone dates, amounts and the acceptance event that triggers each invoice.',
    applies: (ctx) => inUse(ctx, 'Milestone'), importance: () => 'critical',
    measure: (ctx) => lineCoverage(allRows(ctx).filter((r) => r.line.billingFrequency === 'Milestone'), 'Milestones rows',
      (r) => ctx.milestones.some((m) => normalisedId(m.contractId) === normalisedId(r.line.contractId ?? '') && normalisedId(m.product) === normalisedId(r.line.product ?? '')),
      'billingFrequency'),
  },
  {
    requirement: 'Payment method', sourceField: 'Payment Method', owner: 'Finance',
    plan: 'Record the payment method (card on file for self-serve; invoice, ACH or wire for sales-led) so collection and dunning follow it.',
    applies: always, importance: (ctx) => (selfServePath(ctx) ? 'accuracy' : 'supporting'),
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'a Payment Method', (c) => c.paymentMethod !== null),
  },
  {
    requirement: 'Sales channel routing', sourceField: 'Sales Channel', owner: 'RevOps',
    plan: 'Add a Sales Channel field (Self-Serve / Sales-Led) that routes each deal to its billing path.',
    applies: (ctx) => method(ctx) === 'Hybrid Billing', importance: () => 'accuracy',
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'a Sales Channel', (c) => c.salesChannel !== null),
  },
  {
    requirement: 'Multi-entity billing', sourceField: 'Billing Entity', owner: 'Finance',
    plan: 'Confirm which legal entity issues each invoice and set each entity up in billing and the ERP.',
    applies: (ctx) => ctx.facts.billingEntities.length > 1, importance: () => 'supporting',
    measure: (ctx) => contractCoverage(ctx.facts.contracts, 'a typed Billing Entity', (c) => anyTyped(c, 'billingEntity')),
  },
  {
    requirement: 'CRM-to-billing sync', sourceField: 'Field Mapping sheet; Settings CRM', owner: 'IT',
    plan: 'Confirm the trigger, field mapping, sync frequency and error handling at the Integration Design meeting (see Field Mapping).',
    applies: always, importance: (ctx) => (handoff(ctx) ? 'critical' : 'accuracy'),
    measure: (ctx) => process(`${ctx.crmName ? `${ctx.crmName} ` : 'no CRM named in Settings; '}trigger, field mapping and sync not yet designed`),
  },
  {
    requirement: 'Amendment process', sourceField: 'Amendments sheet', owner: 'RevOps',
    plan: 'Define how upgrades, downgrades, add-ons and cancellations reach billing and update the schedule automatically; contracts are not static.',
    applies: always, importance: (ctx) => (ctx.facts.contracts.some((c) => c.amended) ? 'accuracy' : 'supporting'),
    measure: (ctx) => {
      const amended = ctx.facts.contracts.filter((c) => c.amended).length;
      return process(`${ctx.facts.amendments} amendments on ${amended} of ${ctx.facts.contracts.length} contracts (${pct(amended, ctx.facts.contracts.length)}); no amendment workflow in the workbook`);
    },
  },
  {
    requirement: 'Dunning design', sourceField: 'Payment Method; Settings Dunning Retry Days', owner: 'Finance',
    plan: 'Design retry logic, notification emails and escalation during the build, not after go-live (failed payments cost about 9% of MRR).',
    applies: always, importance: (ctx) => (selfServePath(ctx) || method(ctx) === 'Usage-Based Billing Setup' ? 'accuracy' : 'supporting'),
    measure: (ctx) => {
      const auto = ctx.facts.contracts.filter((c) => c.paymentMethod === 'Card' || c.paymentMethod === 'ACH').length;
      return process(`retry days ${ctx.facts.settings.dunningRetryDays.join(', ')} in Settings; ${auto} of ${ctx.facts.contracts.length} contracts pay by card or ACH; notifications and escalation not designed`);
    },
  },
  {
    requirement: 'ERP sync', sourceField: 'Settings ERP', owner: 'IT',
    plan: 'Scope the ERP sync (customers, invoices, payments, GL) in Phase 1 with IT; it is usually the longest part of the project.',
    applies: always, importance: (ctx) => (handoff(ctx) ? 'supporting' : 'accuracy'),
    measure: (ctx) => process(ctx.facts.settings.erp ? `${ctx.facts.settings.erp} named in Settings; sync scope not designed` : 'no ERP named in Settings'),
  },
  {
    requirement: 'RevRec scope', sourceField: 'Settings Ramp Revenue; Revenue Schedule', owner: 'Finance',
    plan: 'Decide whether ASC 606 revenue recognition is in scope; if it is, scope it as its own workstream.',
    applies: always,
    importance: (ctx) => (ctx.facts.contracts.some((c) => c.ramp || c.milestone || c.usage || c.lines.some((l) => l.billingFrequency === 'Upfront')) ? 'accuracy' : 'supporting'),
    measure: (ctx) => {
      const differ = ctx.facts.contracts.filter((c) => c.ramp || c.milestone || c.usage || c.lines.some((l) => l.billingFrequency === 'Upfront')).length;
      return process(`${differ} of ${ctx.facts.contracts.length} contracts bill differently from how revenue is earned (ramp, milestone, usage or upfront); Ramp Revenue = ${ctx.facts.settings.rampRevenue}; ASC 606 scope not decided`);
    },
  },
  {
    requirement: 'Cutover date', sourceField: '(project plan)', owner: 'Finance',
    plan: 'Set a hard cutover date and retire the manual billing workarounds on it, so two processes never run side by side.',
    applies: (ctx) => !handoff(ctx), importance: () => 'supporting',
    measure: () => process('no cutover date set'),
  },
];

export function severityOf(importance: Importance, measure: Measure): Severity {
  if (measure.currentState === 'present') return 'Low';
  return importance === 'critical' ? 'Blocker' : importance === 'accuracy' ? 'High' : 'Medium';
}

export function deriveGapRows(ctx: GapContext): GapRow[] {
  return REQUIREMENTS.filter((r) => r.applies(ctx)).map((r) => {
    const measure = r.measure(ctx);
    const importance = r.importance(ctx);
    return {
      requirement: r.requirement,
      sourceField: r.sourceField,
      currentState: measure.currentState,
      gap: measure.gap,
      severity: severityOf(importance, measure),
      owner: r.owner,
      plan: r.plan,
      status: 'ASSUMED',
      importance,
      share: measure.share,
      noLongerDerived: false,
    };
  });
}

const STATUSES = new Set(['ASSUMED', 'CONFIRMED']);

/**
 * Carry Status, Owner and Plan over from the previous Gap Analysis by Requirement; rows the book
 * no longer derives stay at the bottom, marked, with what the architect had typed.
 */
export function carryGapEdits(rows: readonly GapRow[], previous: readonly (readonly RawCell[])[] | null | undefined): GapRow[] {
  const before = previousRows(previous, 'Requirement');
  const byKey = new Map(before.map((p) => [rowKey(p.key), p]));
  const text = (v: RawCell | undefined) => (isBlankCell(v) ? null : String(v).trim());
  const carried = rows.map((row) => {
    const p = byKey.get(rowKey(row.requirement));
    if (!p) return row;
    const status = text(p.cells('Status'))?.toUpperCase() ?? null;
    return {
      ...row,
      status: status !== null && STATUSES.has(status) ? status : row.status,
      owner: text(p.cells('Owner')) ?? row.owner,
      plan: text(p.cells('Plan')) ?? row.plan,
    };
  });
  const derived = new Set(rows.map((r) => rowKey(r.requirement)));
  const seen = new Set<string>();
  const gone: GapRow[] = [];
  for (const p of before) {
    const key = rowKey(p.key);
    if (derived.has(key) || seen.has(key)) continue;
    seen.add(key);
    gone.push({
      requirement: p.key,
      sourceField: text(p.cells('Source Field')) ?? '',
      currentState: NO_LONGER_DERIVED,
      gap: `${NO_LONGER_DERIVED}: the book no longer needs this requirement; kept with your edits`,
      severity: '',
      owner: text(p.cells('Owner')) ?? '',
      plan: text(p.cells('Plan')) ?? '',
      status: text(p.cells('Status')) ?? 'ASSUMED',
      importance: null,
      share: null,
      noLongerDerived: true,
    });
  }
  return [...carried, ...gone];
}
