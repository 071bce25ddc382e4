import type { ContractLine, LineContract } from './model';

/** The contract line's part of every line it bills: made once each time the line is scheduled, and shared by those lines. */
export function lineContract(line: ContractLine, lineIndex: number): LineContract {
  return {
    contractId: line.contractId,
    customer: line.customer,
    product: line.product,
    currency: line.currency,
    billingEntity: line.billingEntity,
    taxJurisdiction: line.taxJurisdiction,
    taxExempt: line.taxExempt,
    contractLineIndex: lineIndex,
  };
}
