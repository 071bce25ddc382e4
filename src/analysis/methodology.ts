import type { BookFacts } from './bookFacts';
import type { BookMotion } from './gtmMotion';
import { share, type PricingModelUse } from './pricingModels';

/**
 * The playbook's methodology options, chosen by an ordered rule: the first that applies fires.
 * Hybrid comes first because two motions need two billing paths whatever tool is in use; heavy
 * usage next because a metering layer changes the whole build; then an existing billing tool
 * means the gap is the CRM-to-billing data flow; then the motion picks the setup.
 */
export type Methodology =
  | 'Information Handoff'
  | 'Contract-Based Billing Setup'
  | 'PLG Self-Serve Billing Setup'
  | 'Usage-Based Billing Setup'
  | 'Hybrid Billing';

/** share of contracts with a Usage line at which usage pricing drives the build */
export const USAGE_SHARE_CUTOFF = 0.3;

export const METHODOLOGY_RULE =
  `First that applies: (1) book motion Hybrid -> Hybrid Billing; (2) ${USAGE_SHARE_CUTOFF * 100}% or more of contracts ` +
  `have a Usage line -> Usage-Based Billing Setup; (3) a Billing Tool is named in Settings -> Information Handoff ` +
  `(the gap is the CRM-to-billing data flow); (4) PLG -> PLG Self-Serve Billing Setup; (5) otherwise -> Contract-Based Billing Setup.`;

export interface MethodologyChoice {
  methodology: Methodology;
  /** the clause of METHODOLOGY_RULE that fired */
  fired: string;
  evidence: string;
}

export function chooseMethodology(facts: BookFacts, motion: BookMotion, models: readonly PricingModelUse[]): MethodologyChoice {
  const usage = models.find((m) => m.model === 'Usage');
  const usageShare = share(usage, facts);
  const tool = facts.settings.billingTool?.trim() || null;
  const evidence = [
    `book motion ${motion.motion} (${motion.selfServe} Self-Serve, ${motion.salesLed} Sales-Led of ${motion.contracts})`,
    `Usage lines on ${usage?.contracts ?? 0} of ${facts.contracts.length} contracts (${(usageShare * 100).toFixed(1)}%)`,
    `Billing Tool in Settings: ${tool ?? 'none'}`,
  ].join('; ');
  if (motion.motion === 'Hybrid') return { methodology: 'Hybrid Billing', fired: '(1) book motion is Hybrid', evidence };
  if (usageShare >= USAGE_SHARE_CUTOFF) {
    return { methodology: 'Usage-Based Billing Setup', fired: `(2) ${(usageShare * 100).toFixed(1)}% of contracts have a Usage line (>= ${USAGE_SHARE_CUTOFF * 100}%)`, evidence };
  }
  if (tool !== null) return { methodology: 'Information Handoff', fired: `(3) Billing Tool ${tool} is already in use`, evidence };
  if (motion.motion === 'PLG') return { methodology: 'PLG Self-Serve Billing Setup', fired: '(4) book motion is PLG', evidence };
  return { methodology: 'Contract-Based Billing Setup', fired: `(5) book motion is ${motion.motion}`, evidence };
}
