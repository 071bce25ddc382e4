import type { CalendarDate } from './calendarDate';
import type { Decimal } from './decimal';
import type { Rounding } from './money';
import type { SourceRow } from './issue';

/**
 * The parsed inputs the billing core works on, in the finance user's words. workbook/parse
 * builds them from the input sheets (reporting each bad cell as an Issue); the core never sees
 * a raw cell. Percentages are fractions (0.15 = 15%).
 */

export type BillingFrequency = 'Monthly' | 'Quarterly' | 'Semiannual' | 'Annual' | 'Upfront' | 'Milestone' | 'Usage';
export type BillingTiming = 'Advance' | 'Arrears';
export type BillingAnchor = 'Anniversary' | 'Calendar';
export type PricingModel = 'Flat' | 'Tiered' | 'Volume' | 'Package';
/** null = per billing period (per term for Upfront). */
export type PriceBasis = 'Month' | 'Year' | 'Term' | null;
export type PaymentMethod = 'Card' | 'ACH' | 'Wire' | 'Check' | 'Invoice';
export type SalesChannel = 'Self-Serve' | 'Sales-Led';
export type ProrationMethod = 'Daily' | '30/360' | 'None';
export type AmendmentType = 'Upgrade' | 'Downgrade' | 'Quantity Change' | 'Price Change' | 'Add Product' | 'Cancel';
export type RampRevenue = 'Straight-Line' | 'As Billed';

export interface PaymentTerms {
  /** as the user wrote it, normalised: "Net 30", "Due on Receipt" */
  label: string;
  netDays: number;
}

export interface ContractLine {
  contractId: string;
  customer: string;
  customerId: string | null;
  billingEntity: string;
  product: string;
  startDate: CalendarDate;
  /** inclusive; from End Date or Start Date + Term months - 1 day */
  endDate: CalendarDate;
  termMonths: number | null;
  billingFrequency: BillingFrequency;
  billingTiming: BillingTiming;
  billingAnchor: BillingAnchor;
  pricingModel: PricingModel;
  quantity: Decimal;
  unitPrice: Decimal | null;
  priceBasis: PriceBasis;
  totalContractValue: Decimal | null;
  discountPct: Decimal; // fraction
  currency: string;
  paymentTerms: PaymentTerms;
  paymentMethod: PaymentMethod | null;
  taxJurisdiction: string | null;
  taxExempt: boolean;
  usageMetric: string | null;
  includedUnits: Decimal | null;
  tierTable: string | null;
  packageSize: Decimal | null;
  minimumCommit: Decimal | null;
  salesChannel: SalesChannel | null;
  closeDate: CalendarDate | null;
  stage: string | null;
  owner: string | null;
  poNumber: string | null;
  billingContact: string | null;
  billingEmail: string | null;
  billToAddress: string | null;
  source: SourceRow;
}

export interface Amendment {
  /** as given, else "Amendments!A<row>" so every Source cell names something real */
  amendmentId: string;
  contractId: string;
  product: string | null;
  effectiveDate: CalendarDate;
  type: AmendmentType;
  newQuantity: Decimal | null;
  newUnitPrice: Decimal | null;
  proration: ProrationMethod;
  bookedDate: CalendarDate;
  note: string | null;
  source: SourceRow;
}

export interface Milestone {
  contractId: string;
  product: string;
  milestone: string;
  date: CalendarDate;
  amount: Decimal;
  source: SourceRow;
}

export interface UsageRecord {
  contractId: string;
  usageMetric: string;
  date: CalendarDate;
  quantity: Decimal;
  /**
   * Quantity as a plain number when it is a whole number under 10^7 either side of zero, else null; set once when
   * the sheet is read, so rating a period adds numbers without opening each Decimal. Absent
   * (a record made elsewhere): rating reads Quantity itself.
   */
  wholeQuantity?: number | null;
  source: SourceRow;
}

export interface PriceTier {
  tierTable: string;
  fromUnits: Decimal;
  toUnits: Decimal | null;
  unitPrice: Decimal;
  flatFee: Decimal;
  source: SourceRow;
}

export interface FxRate {
  currency: string;
  /** units of Reporting Currency per 1 unit of currency */
  rate: Decimal;
  asOf: CalendarDate;
  source: SourceRow;
}

export interface TaxRate {
  jurisdiction: string;
  rate: Decimal; // fraction
  taxName: string;
  effectiveFrom: CalendarDate | null;
  source: SourceRow;
}

export interface Settings {
  reportingCurrency: string;
  defaultPaymentTerms: PaymentTerms;
  prorationMethod: ProrationMethod;
  rounding: Rounding;
  billingEntity: string;
  /** IANA name or a fixed offset such as +05:30; used for date-times */
  timeZone: string;
  rampRevenue: RampRevenue;
  asOfDate: CalendarDate;
  /** first day of the month */
  reconciliationMonth: CalendarDate;
  discrepancyAmountThreshold: Decimal;
  discrepancyPercentThreshold: Decimal; // fraction
  failedPaymentRateRedFlag: Decimal;
  failedPaymentRateTarget: Decimal;
  syncFailureLookbackDays: number;
  syncFailuresPerMonthTrigger: number;
  invoiceErrorRateTrigger: Decimal;
  amendmentVolumeTrigger: Decimal;
  billingLagTargetHours: number;
  billingLagRedFlagHours: number;
  manualInterventionTarget: Decimal;
  manualInterventionRedFlag: Decimal;
  dunningRetryDays: number[];
  crm: string | null;
  billingTool: string | null;
  erp: string | null;
}

export interface BillingInputs {
  contracts: ContractLine[];
  amendments: Amendment[];
  milestones: Milestone[];
  usage: UsageRecord[];
  priceTiers: PriceTier[];
  fxRates: FxRate[];
  taxRates: TaxRate[];
  settings: Settings;
  /** Contract IDs whose every line the parser skipped for an Error (reconciliation counts them uncovered) */
  skippedContractIds: string[];
}

// ---------------------------------------------------------------- outputs of the billing core

export type LineType = 'Recurring' | 'Prorated' | 'Credit' | 'Usage' | 'True-Up' | 'Milestone';

/**
 * What every schedule line of one contract line shares: who is billed, for what, in which
 * currency, and how it is taxed. One object per contract line (or added product), shared by all
 * of its lines and never changed: a 300,000-line book then carries these eight fields once per
 * contract line rather than once per line, which keeps schedule lines small and fast to make.
 */
export interface LineContract {
  readonly contractId: string;
  readonly customer: string;
  readonly product: string;
  readonly currency: string;
  readonly billingEntity: string;
  readonly taxJurisdiction: string | null;
  readonly taxExempt: boolean;
  /** index into BillingInputs.contracts of the contract line it bills (-1 for none) */
  readonly contractLineIndex: number;
}

/** One charge of the Billing Schedule (credits negative), as the schedule makes it: before tax and document numbers. */
export interface ScheduleLine {
  /** the contract line it bills, shared by its other lines */
  contract: LineContract;
  /**
   * Stable within a run; ties credits to charges. A contract line's own period lines (Recurring,
   * Prorated, Usage, True-Up) hold just their period number, which with the contract line makes
   * their ID: read it as text through lineIdOf (lineId.ts), never directly.
   */
  lineId: string | number;
  lineType: LineType;
  periodStart: CalendarDate;
  periodEnd: CalendarDate;
  invoiceDate: CalendarDate;
  dueDate: CalendarDate;
  quantity: Decimal;
  unitPrice: Decimal | null;
  prorationFactor: Decimal;
  amount: Decimal;
  discount: Decimal;
  netAmount: Decimal;
  calculation: string;
  /** input cell (Contracts!A5) or Amendment ID */
  source: string;
  /** for Credit lines: the lineId of the charge whose period it credits */
  creditOf: string | null;
  /** for Usage lines: the rated units by usage date, so revenue follows usage */
  usageByDate: { date: CalendarDate; quantity: Decimal }[] | null;
}

/**
 * One row of the Billing Schedule sheet: a schedule line on its document. buildDocuments adds
 * these four fields, in this order on every line, so all lines keep one shape.
 */
export interface BilledLine extends ScheduleLine {
  /** the line's share of its document's tax (zero when untaxed) */
  tax: Decimal;
  total: Decimal;
  /** the INV-/CM- number this line is on */
  documentNumber: string | null;
  /** null when no FX rate was found (a Warning says so) */
  reportingAmount: Decimal | null;
}

export type DocumentKind = 'Invoice' | 'Credit Memo';
export type BillRun = 'Past' | 'This Month' | 'Future';

/** One row of Draft Invoices. */
export interface BillingDocument {
  document: DocumentKind;
  number: string;
  contractId: string;
  customer: string;
  billingEntity: string;
  currency: string;
  invoiceDate: CalendarDate;
  dueDate: CalendarDate;
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
  lines: number;
  appliesTo: string;
  billRun: BillRun;
  poNumber: string | null;
  billingContact: string | null;
  billingEmail: string | null;
  billToAddress: string | null;
  /** true when a line's tax could not be computed (unknown/duplicate jurisdiction) */
  taxFlagged: boolean;
}

/** One row of the Proration sheet: one amendment and one affected period. */
export interface ProrationRow {
  amendmentId: string;
  contractId: string;
  product: string;
  type: AmendmentType;
  effectiveDate: CalendarDate;
  periodStart: CalendarDate;
  periodEnd: CalendarDate;
  oldPeriodAmount: Decimal;
  newPeriodAmount: Decimal;
  daysUsed: number;
  daysRemaining: number;
  factor: Decimal;
  credit: Decimal;
  charge: Decimal;
  calculation: string;
  currency: string;
}

/** One row of the Revenue Schedule: contract, product and calendar month. */
export interface RevenueRow {
  contractId: string;
  customer: string;
  product: string;
  month: CalendarDate; // first of the month
  currency: string;
  billed: Decimal;
  recognized: Decimal;
  deferredRevenue: Decimal;
  unbilled: Decimal;
  reportingBilled: Decimal | null;
  reportingRecognized: Decimal | null;
}

/** Control totals per currency for the Run Summary. */
export interface ControlTotal {
  currency: string;
  scheduleNet: Decimal;
  documentSubtotal: Decimal;
  revenueBilled: Decimal;
  ties: boolean;
}
