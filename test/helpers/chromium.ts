/**
 * Headless Chromium for tests of printable pages: print an HTML file to PDF, count its pages and
 * their orientation, take a screenshot, and measure the rendered tables against the page width.
 * Found at /usr/bin/chromium (Debian's package) or another usual name; a suite skips when it is
 * missing, except in CI (HISOPS_REQUIRE_SERVERS=1 or CI=true) where it fails.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function chromiumPath(): string | undefined {
  // HISOPS_TEST_CHROMIUM names the browser; a name that does not exist means "none" (to try the CI rule).
  const env = process.env.HISOPS_TEST_CHROMIUM;
  if (env) return fs.existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export function chromiumRequired(): boolean {
  return process.env.HISOPS_REQUIRE_SERVERS === '1' || process.env.CI === 'true' || process.env.CI === '1';
}

/** Quiet, offline, no profile left behind. */
function run(args: string[]): string {
  const bin = chromiumPath();
  if (!bin) throw new Error('Chromium is not installed: apt-get install -y chromium');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-chromium-'));
  try {
    return execFileSync(
      bin,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Is a font that covers Chinese installed? (without one Chromium draws boxes) */
export function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

const url = (file: string) => `file://${path.resolve(file)}`;

export function printToPdf(htmlFile: string, pdfFile: string): Buffer {
  run(['--no-pdf-header-footer', `--print-to-pdf=${pdfFile}`, url(htmlFile)]);
  return fs.readFileSync(pdfFile);
}

export function screenshot(htmlFile: string, pngFile: string, width: number, height: number): void {
  run([`--window-size=${width},${height}`, `--screenshot=${pngFile}`, url(htmlFile)]);
}

export interface PdfPage {
  width: number;
  height: number;
}

/** The pages of a PDF: each `/Type /Page` object and its MediaBox (points). Uncompressed objects, as Chromium writes them. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const pages: PdfPage[] = [];
  for (const obj of pdf.toString('latin1').split(/\bendobj\b/)) {
    if (!/\/Type\s*\/Page(?![a-zA-Z])/.test(obj)) continue;
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(obj);
    pages.push(
      box
        ? { width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) }
        : { width: 0, height: 0 },
    );
  }
  return pages;
}

export interface Measure {
  sheet: string;
  /** The section's width (the printed page's content width) in CSS pixels. */
  width: number;
  tables: Array<{ scrollWidth: number; width: number; overflowingCells: string[] }>;
}

/**
 * Render the page with a measuring script added, and read what it wrote: for each section, its
 * content width and each table's scrollWidth and width, and the cells whose content overflows.
 */
export function measureTables(htmlFile: string, work: string): Measure[] {
  const script = `<script>
const out = [...document.querySelectorAll('section.sheet')].map((s) => ({
  sheet: s.dataset.sheet, width: Math.ceil(s.getBoundingClientRect().width - parseFloat(getComputedStyle(s).paddingLeft) - parseFloat(getComputedStyle(s).paddingRight)),
  tables: [...s.querySelectorAll('table')].map((t) => ({ scrollWidth: t.scrollWidth, width: Math.ceil(t.getBoundingClientRect().width),
    overflowingCells: [...t.querySelectorAll('td,th')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent) })),
}));
const pre = document.createElement('pre'); pre.id = 'measure'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
</script>`;
  const probe = path.join(work, 'measure.html');
  fs.writeFileSync(probe, fs.readFileSync(htmlFile, 'utf8').replace('</body>', `${script}</body>`));
  const dom = run(['--window-size=1400,1000', '--virtual-time-budget=2000', '--dump-dom', url(probe)]);
  const m = /<pre id="measure">([\s\S]*?)<\/pre>/.exec(dom);
  if (!m) throw new Error(`the measuring script wrote nothing:\n${dom.slice(0, 500)}`);
  return JSON.parse(m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Measure[];
}
