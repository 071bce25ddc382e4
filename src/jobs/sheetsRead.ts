import type { JobKind } from './job';

/**
 * Which sheets each job reads: its inputs, plus the outputs it merges into (Issues, Run
 * Summary) or carries edits over from (Gap Analysis, Tool Selection).
 */
const BILLING_INPUTS = ['Settings', 'Contracts', 'Amendments', 'Milestones', 'Usage', 'Price Tiers', 'FX Rates', 'Tax Rates'];
const EXPORTS = ['Invoices', 'Payments', 'Sync Log'];
const SHARED_OUTPUTS = ['Issues', 'Run Summary'];
const EDITED_OUTPUTS = ['Gap Analysis', 'Tool Selection'];

export function sheetsReadBy(kind: JobKind): string[] {
  switch (kind) {
    case 'setup':
      return [...BILLING_INPUTS, ...EXPORTS];
    case 'bill':
      return [...BILLING_INPUTS, ...SHARED_OUTPUTS];
    case 'analyze':
      return [...BILLING_INPUTS, ...EDITED_OUTPUTS, ...SHARED_OUTPUTS];
    case 'reconcile':
      return [...BILLING_INPUTS, ...EXPORTS, ...SHARED_OUTPUTS];
    case 'run':
      return [...BILLING_INPUTS, ...EXPORTS, ...EDITED_OUTPUTS, ...SHARED_OUTPUTS];
  }
}
