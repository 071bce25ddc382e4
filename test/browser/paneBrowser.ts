/**
 * What the task pane's browser tests share: the production bundle (built as `npm run
 * build:addin` builds it), a local server for it, browser bundles of test code (the Office
 * fake), and Debian's Chromium opened on the pane with office.js answered by the fake.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** describe, or describe.skip with a warning where Chromium is not installed. */
export function describeWithChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  // eslint-disable-next-line no-console
  console.warn(`Skipping ${what}: ${CHROMIUM} is missing (apt-get install chromium).`);
  return describe.skip;
}

/** The production bundle, built as `npm run build:addin` builds it, into a directory of its own. */
async function buildPane(outputPath: string): Promise<void> {
  // A child process: webpack's own module loading does not survive jest's module registry.
  const cli = join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [cli, '--mode', 'production', '--output-path', outputPath], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`webpack failed:\n${stdout}\n${stderr}`));
      else resolve();
    });
  });
}

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), info.mtimeMs);
}

export interface PaneBundle {
  dir: string;
  temporary: boolean;
}

/** dist/addin when `npm run build:addin` built it after the last change to its sources, else a fresh build. */
export async function paneBundle(): Promise<PaneBundle> {
  const built = join(ROOT, 'dist', 'addin', 'taskpane.js');
  const sources = ['src', 'assets', 'manifest.xml', 'webpack.config.js'].map((p) => newestChange(join(ROOT, p)));
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(...sources)) return { dir: join(ROOT, 'dist', 'addin'), temporary: false };
  const dir = mkdtempSync(join(tmpdir(), 'q2c-pane-'));
  await buildPane(dir);
  return { dir, temporary: true };
}

export function removeBundle(bundle: PaneBundle | undefined): void {
  if (bundle?.temporary) rmSync(bundle.dir, { recursive: true, force: true });
}

/** A test file of this folder bundled for the browser (an IIFE script). */
async function browserScript(file: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, file)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define,
  });
  return result.outputFiles[0].text;
}

/** office.js for the page: fakeOffice.ts with the fake workbook's Worker (fakeExcelWorker.ts) inside. */
export async function fakeOfficeScript(): Promise<string> {
  const workbook = await browserScript('fakeExcelWorker.ts');
  return browserScript('fakeOffice.ts', { FAKE_EXCEL_WORKER: JSON.stringify(workbook) });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'application/javascript', '.png': 'image/png', '.xml': 'application/xml' };

export function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Serve office.js from the fake, the pane from the local server, and nothing from anywhere else. */
export async function routeOffice(page: Page, fakeOffice: string): Promise<void> {
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'application/javascript', body: fakeOffice });
    if (url.startsWith('http://127.0.0.1:')) return route.continue();
    return route.abort(); // nothing leaves the machine
  });
}

export function paneUrl(server: Server): string {
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/taskpane.html`;
}
