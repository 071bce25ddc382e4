// Bundles the q2c command into one file. npm packages stay external (installed by npm ci),
// so the bundle holds only our code and builds in well under a second.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

await build({
  entryPoints: ['src/cli/q2c.ts'],
  outfile: 'dist/cli/q2c.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await chmod('dist/cli/q2c.js', 0o755);
