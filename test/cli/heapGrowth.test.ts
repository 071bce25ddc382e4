/**
 * The q2c command bounds V8's heap growth at run time (setFlagsFromString, after the process
 * started). A Node upgrade that froze V8's flags would silently bring back the 4x growth and a
 * 1M-line bill past 2 GB, so this checks the bound takes effect: the same garbage-heavy work
 * with ~200 MB kept alive peaks clearly lower with it than without.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { HEAP_GROWING_PERCENT } from '../../src/cli/heapGrowth';

const dir = mkdtempSync(path.join(tmpdir(), 'q2c-heap-'));
const root = path.resolve(__dirname, '../..');

function peakRssMb(bounded: boolean): number {
  const entry = path.join(dir, `entry-${bounded}.ts`);
  writeFileSync(entry, `
    import { boundHeapGrowth } from ${JSON.stringify(path.join(root, 'src/cli/heapGrowth'))};
    if (${bounded}) boundHeapGrowth();
    const kept: { a: number; b: string; c: number[] }[] = [];
    for (let i = 0; i < 2e6; i++) kept.push({ a: i, b: 'x' + i, c: [i, i + 1] });
    let made = 0;
    for (let round = 0; round < 25; round++) {
      const garbage: { a: number; b: number[] }[] = [];
      for (let i = 0; i < 1e6; i++) garbage.push({ a: i, b: [i] });
      made += garbage.length;
    }
    process.stdout.write(JSON.stringify({ peak: process.resourceUsage().maxRSS / 1024, kept: kept.length, made }));
  `);
  const bundle = entry.replace(/\.ts$/, '.js');
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', outfile: bundle, logLevel: 'silent' });
  // the bench's own heap ceiling, so only the growth bound differs
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', bundle], { timeout: 60_000, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return (JSON.parse(child.stdout) as { peak: number }).peak;
}

describe('boundHeapGrowth', () => {
  it(`keeps the heap within ${HEAP_GROWING_PERCENT}% growth of its live data, set after start`, () => {
    const unbounded = peakRssMb(false);
    const bounded = peakRssMb(true);
    expect(HEAP_GROWING_PERCENT).toBe(50);
    expect(bounded).toBeLessThan(unbounded * 0.8);
  }, 90_000);
});
