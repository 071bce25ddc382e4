import { remainingShare, shareText, wholePeriodShare } from '../../../src/core/prorationFactor';
import { amendmentsInOrder } from '../../../src/core/amendmentOrder';
import { Decimal } from '../../../src/core/decimal';
import { d } from '../schedule/builders';
import { amendment } from './amendmentBuilder';

describe('remainingShare: the part of [S, T] from E on', () => {
  it.each([
    // S, T, E, method, days used, days remaining, period days
    ['2026-03-01', '2026-03-31', '2026-03-15', 'Daily', 14, 17, 31],
    ['2026-02-01', '2026-02-28', '2026-02-20', 'Daily', 19, 9, 28],
    ['2026-03-01', '2026-03-31', '2026-03-15', '30/360', 14, 16, 30],
    // DAYS360(2026-02-21, 2026-03-01) = 10 of DAYS360(2026-02-01, 2026-03-01) = 30
    ['2026-02-01', '2026-02-28', '2026-02-21', '30/360', 20, 10, 30],
    // a 31st counts as the 30th: DAYS360(2026-01-31, 2026-02-01) = 1
    ['2026-01-01', '2026-01-31', '2026-01-31', '30/360', 29, 1, 30],
    ['2026-01-01', '2026-12-31', '2026-07-01', 'Daily', 181, 184, 365],
  ] as const)('[%s, %s] from %s (%s): %i used, %i remaining of %i', (s, t, e, method, used, remaining, days) => {
    const share = remainingShare(d(s), d(t), d(e), method);
    expect([share.daysUsed, share.daysRemaining, share.periodDays]).toEqual([used, remaining, days]);
    expect(share.factor.equals(new Decimal(remaining).dividedBy(days))).toBe(true);
    expect(shareText(share)).toBe(`${remaining}/${days}`);
  });

  it('falls back to Daily when 30/360 gives the period no length', () => {
    // DAYS360(2026-01-30, 2026-01-31) = 0
    const share = remainingShare(d('2026-01-30'), d('2026-01-30'), d('2026-01-30'), '30/360');
    expect(share.method).toBe('Daily');
    expect(share.factor.toString()).toBe('1');
  });

  it('a whole period is factor 1, shown as "1"', () => {
    const share = wholePeriodShare(d('2026-04-01'), d('2026-04-30'), 'Daily');
    expect(share.factor.toString()).toBe('1');
    expect(shareText(share)).toBe('1');
  });
});

describe('amendmentsInOrder', () => {
  it('orders by Effective Date, then sheet row', () => {
    const rows = [
      amendment({ effective: '2026-05-01', row: 2, id: 'late' }),
      amendment({ effective: '2026-03-01', row: 9, id: 'early-9' }),
      amendment({ effective: '2026-03-01', row: 4, id: 'early-4' }),
    ];
    expect(amendmentsInOrder(rows).map((a) => a.amendmentId)).toEqual(['early-4', 'early-9', 'late']);
  });
});
