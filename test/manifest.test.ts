import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// An offline check of manifest.xml: the mistakes that make Office refuse to sideload or show a
// broken ribbon (a dangling resid, a missing icon, a mixed-up host) without the online validator.
const root = join(__dirname, '..');
const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8');
const ORIGIN = 'https://localhost:3000';

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

function tags(name: string): string[] {
  return manifest.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

function elementText(name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(manifest)?.[1];
}

/** Resource id -> DefaultValue, from bt:Images, bt:Urls, bt:ShortStrings and bt:LongStrings. */
function resources(): Map<string, { kind: string; value: string }> {
  const found = new Map<string, { kind: string; value: string }>();
  for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
    const block = new RegExp(`<bt:${kind}>([\\s\\S]*?)</bt:${kind}>`).exec(manifest)?.[1] ?? '';
    for (const tag of block.match(/<bt:\w+\b[^>]*>/g) ?? []) {
      const id = attribute(tag, 'id');
      const value = attribute(tag, 'DefaultValue');
      if (id !== undefined && value !== undefined) found.set(id, { kind, value });
    }
  }
  return found;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  const defined = resources();

  it('is an Excel task pane add-in with a fixed GUID and read-write permission', () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(elementText('Id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(tags('Host').map((t) => attribute(t, 'Name')).filter(Boolean)).toEqual(['Workbook']);
    expect(elementText('Permissions')).toBe('ReadWriteDocument');
    expect(attribute(tags('DisplayName')[0] ?? '', 'DefaultValue')).toBe('Q2C Workbench');
  });

  it('asks for ExcelApi 1.13 (Table.resize; Range.copyFrom is 1.9)', () => {
    const set = tags('Set').find((t) => attribute(t, 'Name') === 'ExcelApi');
    expect(set && attribute(set, 'MinVersion')).toBe('1.13');
  });

  it('opens taskpane.html from the dev server', () => {
    const source = tags('SourceLocation')[0] ?? '';
    expect(attribute(source, 'DefaultValue')).toBe(`${ORIGIN}/taskpane.html`);
    const ribbonSource = tags('SourceLocation').map((t) => attribute(t, 'resid')).find(Boolean);
    expect(ribbonSource && defined.get(ribbonSource)?.value).toBe(`${ORIGIN}/taskpane.html`);
  });

  it('resolves every resid to a resource of a fitting kind', () => {
    const referenced = [...manifest.matchAll(/<([\w:]+)\b[^>]*\bresid="([^"]+)"/g)];
    expect(referenced.length).toBeGreaterThan(5);
    for (const [, element, resid] of referenced) {
      const resource = defined.get(resid);
      expect({ resid, defined: resource !== undefined }).toEqual({ resid, defined: true });
      const expectedKind =
        element === 'bt:Image' ? 'Images'
        : element === 'SourceLocation' || element === 'LearnMoreUrl' ? 'Urls'
        : element === 'Description' ? 'LongStrings'
        : 'ShortStrings';
      expect({ resid, kind: resource?.kind }).toEqual({ resid, kind: expectedKind });
    }
  });

  it('defines no resource twice and none that nothing uses', () => {
    const ids = [...manifest.matchAll(/<bt:(?:Image|Url|String)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set([...manifest.matchAll(/\bresid="([^"]+)"/g)].map((m) => m[1]));
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  it('puts a "Q2C Workbench" button on the Home tab with a GetStarted callout', () => {
    expect(manifest).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Control xsi:type="Button"/);
    const label = /<Control xsi:type="Button"[^>]*>\s*<Label resid="([^"]+)"/.exec(manifest)?.[1];
    expect(label && defined.get(label)?.value).toBe('Q2C Workbench');
    expect(manifest).toMatch(/<GetStarted>[\s\S]*<Title resid=[\s\S]*<Description resid=[\s\S]*<LearnMoreUrl resid=[\s\S]*<\/GetStarted>/);
  });

  it('serves every URL from the one origin', () => {
    const urls = [...manifest.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    urls.push(...[...manifest.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1]));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(new URL(url).origin).toBe(ORIGIN);
  });

  it('points every icon at a PNG in assets/ of the size it claims', () => {
    const claimed: { url: string; size: number }[] = [];
    for (const tag of tags('bt:Image')) {
      const size = attribute(tag, 'size');
      const resid = attribute(tag, 'resid');
      if (size && resid) claimed.push({ url: defined.get(resid)!.value, size: Number(size) });
    }
    claimed.push({ url: attribute(tags('IconUrl')[0] ?? '', 'DefaultValue')!, size: 32 });
    claimed.push({ url: attribute(tags('HighResolutionIconUrl')[0] ?? '', 'DefaultValue')!, size: 64 });
    expect(new Set(claimed.map((c) => c.size))).toEqual(new Set([16, 32, 64, 80]));
    for (const { url, size } of claimed) {
      const path = new URL(url).pathname;
      expect(path).toMatch(/^\/assets\/[\w-]+\.png$/);
      const file = join(root, path);
      expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  it('names pages the build actually produces', () => {
    const pages = [...manifest.matchAll(/DefaultValue="https:\/\/localhost:3000\/([\w-]+\.html)"/g)].map((m) => m[1]);
    expect(new Set(pages)).toEqual(new Set(['taskpane.html', 'help.html']));
    for (const page of pages) expect(existsSync(join(root, 'src', 'taskpane', page))).toBe(true);
  });
});
