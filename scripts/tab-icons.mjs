// Draws the tab bar icons (unselected and selected) as 81×81 PNGs in src/assets/tab/, from the
// simple SVG shapes below, rendered by Debian's Chromium. Run by hand after changing a shape:
//   node scripts/tab-icons.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COLORS = { '': '#5c636a', '-active': '#c2410c' };
const SHAPES = {
  home: '<path d="M12 36 L40 12 L68 36" /><path d="M20 32 V66 H60 V32" /><path d="M34 66 V48 H46 V66" />',
  lessons: '<rect x="10" y="16" width="60" height="42" rx="6" /><path d="M34 28 L50 37 L34 46 Z" fill="currentColor" /><path d="M26 68 H54" />',
  mall: '<path d="M14 26 H66 L62 68 H18 Z" /><path d="M28 34 V22 A12 12 0 0 1 52 22 V34" />',
  me: '<circle cx="40" cy="28" r="14" /><path d="M14 70 C16 52 28 46 40 46 C52 46 64 52 66 70" />',
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80" style="color:${color}" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`;
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'src', 'assets', 'tab', `${name}${suffix}.png`), omitBackground: true });
  }
}
await browser.close();
console.log('tab icons written to src/assets/tab/');
