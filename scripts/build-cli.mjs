// Bundles the q2c command (and the benchmark runner) into single files. npm packages stay
// external (installed by npm ci), so the bundles hold only our code and build in a second.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/cli/q2c.ts'], outfile: 'dist/cli/q2c.js' });
await chmod('dist/cli/q2c.js', 0o755);
if (process.argv.includes('--bench')) {
  await build({ ...common, entryPoints: ['bench/bench.ts'], outfile: 'dist/bench/bench.js' });
}
