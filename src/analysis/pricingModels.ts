import type { BookFacts, ContractFacts } from './bookFacts';

/**
 * Pricing models in use (analysis.md: subscription, usage, ramp, milestone, multi-currency, tax
 * jurisdictions), each counted in contracts so the methodology and tool weights can use the share.
 */
export type PricingModelName =
  | 'Subscription' | 'Usage' | 'Ramp' | 'Milestone' | 'Tiered / volume / package'
  | 'Multi-currency' | 'Tax jurisdictions' | 'Mid-contract amendments';

export interface PricingModelUse {
  model: PricingModelName;
  contracts: number;
  inUse: boolean;
  /** what was counted */
  rule: string;
  evidence: string;
}

function ids(contracts: readonly ContractFacts[]): string {
  const shown = contracts.slice(0, 5).map((c) => c.contractId).join(', ');
  return contracts.length > 5 ? `${shown} and ${contracts.length - 5} more` : shown;
}

function use(model: PricingModelName, facts: BookFacts, pick: (c: ContractFacts) => boolean, rule: string, extra = ''): PricingModelUse {
  const matching = facts.contracts.filter(pick);
  const total = facts.contracts.length;
  const evidence = matching.length === 0
    ? `0 of ${total} contracts${extra}`
    : `${matching.length} of ${total} contracts (${ids(matching)})${extra}`;
  return { model, contracts: matching.length, inUse: matching.length > 0, rule, evidence };
}

export function pricingModelsInUse(facts: BookFacts): PricingModelUse[] {
  const multiCurrency = facts.currencies.length > 1 || facts.currencies.some((c) => c !== facts.reportingCurrency);
  const currencies = facts.currencies.join(', ');
  const models = [
    use('Subscription', facts, (c) => c.subscription, 'A line billed Monthly, Quarterly, Semiannual, Annual or Upfront.'),
    use('Usage', facts, (c) => c.usage, 'A line with Billing Frequency Usage (rated from the Usage sheet).', `; ${facts.usageRecords} Usage rows`),
    use('Ramp', facts, (c) => c.ramp, 'Several lines of one contract and product with different Start Dates.'),
    use('Milestone', facts, (c) => c.milestone, 'A line with Billing Frequency Milestone.', `; ${facts.milestones} Milestones rows`),
    use('Tiered / volume / package', facts, (c) => c.tiered, 'A line with Pricing Model Tiered, Volume or Package.'),
    use('Multi-currency', facts, (c) => c.foreignCurrency, `Contracts in a currency other than the reporting currency ${facts.reportingCurrency}.`, `; currencies ${currencies || 'none'}`),
    use('Tax jurisdictions', facts, (c) => c.taxable, 'A non-exempt line with a Tax Jurisdiction.', `; jurisdictions ${facts.jurisdictions.join(', ') || 'none'}`),
    use('Mid-contract amendments', facts, (c) => c.amended, 'A contract with a row on the Amendments sheet.', `; ${facts.amendments} Amendments rows`),
  ];
  const multi = models.find((m) => m.model === 'Multi-currency')!;
  multi.inUse = multiCurrency;
  return models;
}

export function share(model: PricingModelUse | undefined, facts: BookFacts): number {
  return !model || facts.contracts.length === 0 ? 0 : model.contracts / facts.contracts.length;
}
