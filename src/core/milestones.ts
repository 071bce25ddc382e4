import { addDays } from './calendarDate';
import { milestoneText } from './calculationText';
import { ONE, ZERO } from './decimal';
import { cellAddress, Issue, issueAt } from './issue';
import { lineContract } from './lineContract';
import { formatAmount, roundMoney, Rounding } from './money';
import type { ContractLine, Milestone, ScheduleLine } from './model';
import { matchKey } from './matchKey';

/**
 * Milestone billing (billing.md, Timing): a line with Billing Frequency Milestone is billed by
 * the Milestones sheet, each milestone's Amount on its Date. A milestone that no Milestone line
 * of its Contract ID and Product takes is a Warning and is not billed.
 */

export interface MilestoneAssignment {
  byLine: Map<number, Milestone[]>;
  issues: Issue[];
}

export function assignMilestones(
  contracts: readonly ContractLine[],
  milestones: readonly Milestone[],
  skippedContractIds: readonly string[] = [],
): MilestoneAssignment {
  const byLine = new Map<number, Milestone[]>();
  const issues: Issue[] = [];
  if (milestones.length === 0) return { byLine, issues };
  const milestoneLines = new Map<string, number[]>();
  const otherLines = new Map<string, ContractLine>();
  contracts.forEach((line, index) => {
    const k = `${matchKey(line.contractId)}\u0000${matchKey(line.product)}`;
    if (line.billingFrequency !== 'Milestone') {
      if (!otherLines.has(k)) otherLines.set(k, line);
      return;
    }
    const list = milestoneLines.get(k);
    if (list) list.push(index);
    else milestoneLines.set(k, [index]);
  });
  const skipped = new Set(skippedContractIds.map(matchKey));
  for (const m of milestones) {
    const k = `${matchKey(m.contractId)}\u0000${matchKey(m.product)}`;
    const lines = milestoneLines.get(k);
    if (lines) {
      // the line whose dates hold the milestone; else the first (a milestone may fall after the service dates)
      let owner = lines[0];
      for (const index of lines) {
        if (m.date >= contracts[index].startDate && m.date <= contracts[index].endDate) {
          owner = index;
          break;
        }
      }
      const list = byLine.get(owner);
      if (list) list.push(m);
      else byLine.set(owner, [m]);
      continue;
    }
    if (skipped.has(matchKey(m.contractId))) continue;
    const other = otherLines.get(k);
    issues.push(
      other
        ? issueAt('Bill', 'Warning', m.source, 'product', m.product,
          `Milestone "${m.milestone}" is for a ${other.billingFrequency} line (${cellAddress(other.source)}), not a Milestone line; not billed`,
          'Set that line\'s Billing Frequency to Milestone, or remove the milestone')
        : issueAt('Bill', 'Warning', m.source, 'contractId', m.contractId,
          `Milestone "${m.milestone}" matches no contract line (Contract ID ${m.contractId}, Product ${m.product}); not billed`,
          'Correct the Contract ID or Product, or add the Milestone line on Contracts'),
    );
  }
  for (const list of byLine.values()) list.sort((a, b) => a.date - b.date || a.source.row - b.source.row);
  return { byLine, issues };
}

/** One Milestone schedule line per milestone of the line, invoiced on its date; the Amount is billed as given. */
export function scheduleMilestoneLine(
  line: ContractLine,
  lineIndex: number,
  milestones: readonly Milestone[],
  rounding: Rounding,
): { lines: ScheduleLine[]; issues: Issue[] } {
  const lines: ScheduleLine[] = [];
  const issues: Issue[] = [];
  if (milestones.length === 0) {
    issues.push(issueAt('Bill', 'Warning', line.source, 'billingFrequency', line.billingFrequency,
      `Milestone line ${line.product} of contract ${line.contractId} has no milestones; nothing billed`,
      'Add its milestones (Contract ID, Product, Milestone, Date, Amount) on the Milestones sheet'));
    return { lines, issues };
  }
  let billed = ZERO;
  const contract = lineContract(line, lineIndex);
  milestones.forEach((m, i) => {
    const amount = roundMoney(m.amount, line.currency, rounding);
    billed = billed.plus(amount);
    lines.push({
      contract,
      lineId: `${line.contractId}|${lineIndex}|m${i}|Milestone`,
      lineType: 'Milestone',
      periodStart: m.date,
      periodEnd: m.date,
      invoiceDate: m.date,
      dueDate: addDays(m.date, line.paymentTerms.netDays),
      quantity: ONE,
      unitPrice: amount,
      prorationFactor: ONE,
      amount,
      discount: ZERO,
      netAmount: amount,
      calculation: milestoneText(m.milestone, amount, line.currency),
      source: cellAddress(m.source, 'amount'),
      creditOf: null,
      usageByDate: null,
    });
  });
  if (line.totalContractValue !== null) {
    const tcv = roundMoney(line.totalContractValue, line.currency, rounding);
    if (!tcv.equals(billed)) {
      issues.push(issueAt('Bill', 'Warning', line.source, 'totalContractValue', line.totalContractValue.toString(),
        `Milestones of ${line.product} sum to ${formatAmount(billed, line.currency)}, not the Total Contract Value ${formatAmount(tcv, line.currency)}; billed as the Milestones sheet says`,
        'Correct the milestone amounts or the Total Contract Value'));
    }
  }
  return { lines, issues };
}
