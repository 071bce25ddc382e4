import type { ContractLine, LineContract } from './model';

/** The contract line's part of every line it bills: made once per contract line and shared by its lines. */
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
