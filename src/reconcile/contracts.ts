import { addDays, lastOfMonth, type CalendarDate } from '../core/calendarDate';
import type { Amendment, ContractLine } from '../core/model';
import { idKey } from './identity';

/** One contract (its lines grouped by Contract ID), with the facts reconciliation needs. */
export interface ContractFacts {
  contractId: string;
  key: string;
  customer: string;
  customerId: string | null;
  lines: ContractLine[];
  /** earliest Start Date of its lines */
  firstStart: CalendarDate;
  /** latest Close Date on its lines (the later trigger for billing lag) */
  closeDate: CalendarDate | null;
  /** Stage blank or Closed Won on every line */
  billable: boolean;
  /** per line, the last day of service: End Date, or the day before a Cancel's Effective Date */
  serviceEnds: CalendarDate[];
}

function isBillableStage(stage: string | null): boolean {
  const key = idKey(stage);
  return key === null || key === 'closed won';
}

function cancelEffective(line: ContractLine, cancels: Amendment[]): CalendarDate | null {
  let earliest: CalendarDate | null = null;
  for (const cancel of cancels) {
    const product = idKey(cancel.product);
    if (product !== null && product !== idKey(line.product)) continue;
    if (earliest === null || cancel.effectiveDate < earliest) earliest = cancel.effectiveDate;
  }
  return earliest;
}

/** Contracts keyed by trimmed, case-insensitive Contract ID, in sheet order. */
export function groupContracts(lines: ContractLine[], amendments: Amendment[]): Map<string, ContractFacts> {
  const cancelsByContract = new Map<string, Amendment[]>();
  for (const a of amendments) {
    const key = idKey(a.contractId);
    if (a.type !== 'Cancel' || key === null) continue;
    cancelsByContract.set(key, [...(cancelsByContract.get(key) ?? []), a]);
  }
  const contracts = new Map<string, ContractFacts>();
  for (const line of lines) {
    const key = idKey(line.contractId);
    if (key === null) continue;
    const cancel = cancelEffective(line, cancelsByContract.get(key) ?? []);
    const serviceEnd = cancel !== null && addDays(cancel, -1) < line.endDate ? addDays(cancel, -1) : line.endDate;
    const existing = contracts.get(key);
    if (!existing) {
      contracts.set(key, {
        contractId: line.contractId.trim(),
        key,
        customer: line.customer,
        customerId: line.customerId,
        lines: [line],
        firstStart: line.startDate,
        closeDate: line.closeDate,
        billable: isBillableStage(line.stage),
        serviceEnds: [serviceEnd],
      });
      continue;
    }
    existing.lines.push(line);
    existing.serviceEnds.push(serviceEnd);
    if (line.startDate < existing.firstStart) existing.firstStart = line.startDate;
    if (line.closeDate !== null && (existing.closeDate === null || line.closeDate > existing.closeDate)) {
      existing.closeDate = line.closeDate;
    }
    existing.customerId = existing.customerId ?? line.customerId;
    existing.billable = existing.billable && isBillableStage(line.stage);
  }
  return contracts;
}

/** Active in M: Stage blank or Closed Won and some line's service [Start, End or Cancel - 1] overlaps M. */
export function isActiveIn(contract: ContractFacts, month: CalendarDate): boolean {
  if (!contract.billable) return false;
  const monthEnd = lastOfMonth(month);
  return contract.lines.some((line, i) => {
    const end = contract.serviceEnds[i];
    return end >= line.startDate && line.startDate <= monthEnd && end >= month;
  });
}

/** The customer a contract bills, as the key customers are grouped by: Customer ID, else name. */
export function customerKeyOf(contract: ContractFacts): string {
  const id = idKey(contract.customerId);
  return id !== null ? `id:${id}` : `name:${idKey(contract.customer) ?? ''}`;
}
