import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { appAndBrowser } from './support';

// The visual tour (issue 14): every page of src/app.config.ts — including pages other branches add —
// as a brand-new member, a seeded member, a host and the owner, at phone size. Each visit saves a
// screenshot to reports/tour/ and records what a person would notice: console errors, failed
// requests, sideways scrolling, developer text on screen, unnamed tappables, text below 12 px,
// text below WCAG AA contrast.

const root = path.resolve(__dirname, '..', '..');
const TOUR_DIR = path.join(root, 'reports', 'tour');
const VIEWPORT = { width: 390, height: 844 };

/** Every route in app.config.ts (main package and subpackages), read from the file itself. */
function appRoutes(): string[] {
  const source = readFileSync(path.join(root, 'src', 'app.config.ts'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const config = new Function('defineAppConfig', source.replace('export default', 'return')) as (
    define: (c: unknown) => unknown,
  ) => { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> };
  const { pages, subPackages = [] } = config((c) => c);
  return [...pages, ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

interface SeededIds {
  campaign?: string;
  activity?: string;
  item?: string;
  lesson?: string;
  member?: { id: string; nickname: string };
  day?: string;
  packet?: string;
  lottery?: string;
  post?: string;
  question?: string;
  group?: string;
  pool?: string;
}

/** The query a page needs to show real content; pages not listed are visited bare. */
const QUERY: Record<string, (ids: SeededIds) => string | null> = {
  'subpackages/member/campaign/index': (ids) => (ids.campaign ? `id=${ids.campaign}` : null),
  'subpackages/member/activity/index': (ids) => (ids.activity ? `id=${ids.activity}` : null),
  'subpackages/member/item/index': (ids) => (ids.item ? `id=${ids.item}` : null),
  'subpackages/member/lesson/index': (ids) => (ids.lesson ? `id=${ids.lesson}` : null),
  'subpackages/host/member/index': (ids) => (ids.member ? `memberId=${ids.member.id}` : null),
  'subpackages/host/adjust/index': (ids) => (ids.member ? `memberId=${ids.member.id}&name=${encodeURIComponent(ids.member.nickname)}` : null),
  'subpackages/host/activity-desk/index': (ids) => (ids.activity ? `id=${ids.activity}` : null),
  'subpackages/host/lesson-desk/index': (ids) => (ids.lesson ? `id=${ids.lesson}` : null),
  'subpackages/host/lesson-edit/index': (ids) => (ids.lesson ? `id=${ids.lesson}` : null),
  'subpackages/owner/item/index': (ids) => (ids.item ? `id=${ids.item}` : null),
  'subpackages/owner/vip/index': (ids) => (ids.member ? `memberId=${ids.member.id}&name=${encodeURIComponent(ids.member.nickname)}` : null),
  'subpackages/games/packet/index': (ids) => (ids.packet ? `id=${ids.packet}` : null),
  'subpackages/games/lottery/index': (ids) => (ids.lottery ? `id=${ids.lottery}` : null),
  'subpackages/games/praise/index': (ids) => (ids.member ? `memberId=${ids.member.id}&name=${encodeURIComponent(ids.member.nickname)}` : null),
  'subpackages/member/post/index': (ids) => (ids.post ? `id=${ids.post}` : null),
  'subpackages/member/support-item/index': (ids) => (ids.question ? `question=${ids.question}` : null),
  'subpackages/member/group-join/index': (ids) => (ids.pool ? `pool=${encodeURIComponent(ids.pool)}` : null),
  'subpackages/host/group-health/index': (ids) => (ids.group ? `id=${ids.group}` : null),
};

/** Host pages are for hosts and the owner, owner pages for the owner: nobody else has a way to them. */
function mayOpen(role: Persona['role'], route: string): boolean {
  if (route.startsWith('subpackages/owner/')) return role === 'owner';
  if (route.startsWith('subpackages/host/')) return role !== 'member';
  return true;
}

interface Persona {
  openid: string;
  label: string;
  role: 'member' | 'host' | 'owner';
}

const env = appAndBrowser();

async function api<T>(openid: string, fn: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${env.app.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-qunyun-openid': openid },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { ok: boolean; data?: T; error?: unknown };
  if (!result.ok) throw new Error(`${fn}.${String(body.action)} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

/** Ids of seeded things (a campaign, activity, item, past lesson, member), fetched as the owner. */
async function seededIds(owner: string): Promise<SeededIds> {
  const ids: SeededIds = {};
  const tryGet = async (get: () => Promise<void>) => {
    try {
      await get();
    } catch {
      // A function another branch renamed: the page is still visited, only without content.
    }
  };
  await tryGet(async () => {
    ids.campaign = (await api<{ campaigns: Array<{ id: string }> }>(owner, 'campaign', { action: 'list' })).campaigns[0]?.id;
  });
  await tryGet(async () => {
    ids.activity = (await api<{ activities: Array<{ id: string }> }>(owner, 'activities', { action: 'list' })).activities[0]?.id;
  });
  await tryGet(async () => {
    ids.item = (await api<{ items: Array<{ id: string }> }>(owner, 'mall', { action: 'list' })).items[0]?.id;
  });
  await tryGet(async () => {
    ids.lesson = (await api<{ lessons: Array<{ id: string }> }>(owner, 'lessons', { action: 'past' })).lessons[0]?.id;
  });
  await tryGet(async () => {
    // The most active-looking member of the first page, so member pages show real history.
    const page = await api<{ members: Array<{ id: string; nickname: string; role: string; points: number }> }>(owner, 'member', { action: 'list', role: 'member', limit: 30 });
    const m = page.members.filter((x) => x.role === 'member').sort((a, b) => b.points - a.points)[0];
    if (m) ids.member = { id: m.id, nickname: m.nickname };
  });
  await tryGet(async () => {
    ids.packet = (await api<{ packets: Array<{ id: string }> }>(owner, 'games', { action: 'packets' })).packets[0]?.id;
  });
  await tryGet(async () => {
    ids.lottery = (await api<{ lotteries: Array<{ id: string }> }>(owner, 'games', { action: 'lotteries' })).lotteries[0]?.id;
  });
  await tryGet(async () => {
    ids.post = (await api<{ posts: Array<{ id: string }> }>(owner, 'posts', { action: 'feed' })).posts[0]?.id;
  });
  await tryGet(async () => {
    ids.question = (await api<{ questions: Array<{ id: string }> }>(owner, 'support', { action: 'questions' })).questions[0]?.id;
  });
  await tryGet(async () => {
    const all = (await api<{ all: Array<{ id: string; pool?: string | null }> }>(owner, 'group', { action: 'list' })).all;
    ids.group = all[0]?.id;
    ids.pool = all.find((g) => g.pool)?.pool ?? undefined;
  });
  return ids;
}

/** What a person would notice on the page as it stands (runs in the browser). */
function inspectPage(): string[] {
  const problems: string[] = [];
  const width = window.innerWidth;
  const scrollers = [document.documentElement, document.body, ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page, .taro_router'))];
  for (const el of scrollers) {
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`sideways scroll: ${el.className || el.tagName} is ${el.scrollWidth}px wide in ${width}px`);
  }
  const visible = (el: Element | null): boolean => {
    if (!el) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && !el.closest('[aria-hidden="true"], .taro_page[style*="display: none"]');
  };
  const bad: Array<[RegExp, string]> = [
    [/参数 /, 'developer message "参数 …"'],
    [/undefined/, '"undefined"'],
    [/NaN/, '"NaN"'],
    [/\[object Object\]/, '"[object Object]"'],
    [/m_[0-9a-f]{8,}/, 'an internal member id'],
  ];
  // WCAG AA contrast: 4.5:1, or 3:1 for large text (≥ 24 px, or ≥ 18.7 px bold); inactive controls are exempt.
  const rgba = (c: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a = '1'] = m[1].split(',').map((x) => x.trim());
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const luminance = ([r, g, b]: number[]) => {
    const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const backgroundOf = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const bg = rgba(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };
  const lowContrast = new Set<string>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = new Set<string>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('script, style, noscript') || !visible(parent)) continue;
    for (const [pattern, what] of bad) if (pattern.test(text)) problems.push(`text shows ${what}: "${text.slice(0, 60)}"`);
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < 12) small.add(`text below 12px (${size.toFixed(1)}px): "${text.slice(0, 30)}"`);
    const style = getComputedStyle(parent);
    if (!parent.closest('[disabled], [aria-disabled="true"], .is-future, .is-before_join, input, textarea') && /[\p{L}\p{N}]/u.test(text)) {
      const fg = rgba(style.color);
      const bg = backgroundOf(parent);
      const mixed = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
      const [hi, lo] = [luminance(mixed), luminance(bg)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const opacity = Number(style.opacity);
      if (opacity >= 1 && ratio < (large ? 3 : 4.5)) lowContrast.add(`low contrast ${ratio.toFixed(1)}:1 (${style.color} on rgb(${bg.slice(0, 3).join(', ')})): "${text.slice(0, 30)}"`);
    }
  }
  problems.push(...small, ...lowContrast);
  const reactProps = (el: Element): Record<string, unknown> | undefined => {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    return key ? ((el as unknown as Record<string, Record<string, unknown>>)[key] ?? undefined) : undefined;
  };
  const nameOf = (el: Element): string => {
    const aria = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.getAttribute('alt');
    if (aria?.trim()) return aria.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : el.closest('label');
      return label?.textContent?.trim() ?? '';
    }
    const img = el.querySelector('img[alt]');
    return (el.textContent ?? '').trim() || img?.getAttribute('alt')?.trim() || '';
  };
  const tappables = Array.from(document.querySelectorAll('body *')).filter((el) => {
    if (!visible(el)) return false;
    if (el.matches('input:not([type="hidden"]), textarea, button, a[href], [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="radio"], taro-button-core, .taro-navigation-bar-back, .taro-navigation-bar-home')) return true;
    const props = reactProps(el);
    return typeof props?.onClick === 'function' || typeof props?.onTap === 'function';
  });
  for (const el of tappables) {
    if (!nameOf(el)) problems.push(`tappable without a name: <${el.tagName.toLowerCase()} class="${String(el.getAttribute('class') ?? '').slice(0, 60)}">`);
  }
  return problems;
}

/** Wait until no request has been in flight for half a second (data loaded, page drawn). */
async function settle(page: Page, inflight: { count: number }): Promise<void> {
  let quietSince = Date.now();
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    await page.waitForTimeout(100);
    if (inflight.count > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) return;
  }
}

/**
 * Open a route the way a person moves inside the app: the first one loads the app, later ones go
 * through the app's router (one launch and one login per persona, as in WeChat).
 */
async function visit(page: Page, route: string, query: string | null, first: boolean, inflight: { count: number }): Promise<string[]> {
  const failures: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') failures.push(`console error: ${m.text().slice(0, 200)}`);
  };
  const onPageError = (e: Error) => failures.push(`page error: ${e.message.slice(0, 200)}`);
  const onRequestFailed = (r: { url(): string; failure(): { errorText: string } | null }) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failures.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  };
  const onResponse = (r: { url(): string; status(): number }) => {
    if (r.status() >= 400) failures.push(`request failed: ${r.url()} answered ${r.status()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onRequestFailed);
  page.on('response', onResponse);
  try {
    const url = `/${route}${query ? `?${query}` : ''}`;
    if (first) await page.goto(`${env.app.url}${url}`, { waitUntil: 'networkidle' });
    else
      await page.evaluate((to) => {
        window.history.pushState({ usr: null, key: Math.random().toString(36).slice(2, 10), idx: window.history.length }, '', to);
        window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
      }, url);
    await settle(page, inflight);
    failures.push(...(await page.evaluate(inspectPage)));
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('requestfailed', onRequestFailed);
    page.off('response', onResponse);
  }
  return failures;
}

async function tour(who: string, persona: Persona, ids: SeededIds): Promise<string[]> {
  mkdirSync(TOUR_DIR, { recursive: true });
  const context = await env.browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  await context.addInitScript((openid) => localStorage.setItem('qunyun.openid', openid), persona.openid);
  const page = await context.newPage();
  const inflight = { count: 0 };
  page.on('request', () => inflight.count++);
  page.on('requestfinished', () => inflight.count--);
  page.on('requestfailed', () => inflight.count--);
  const problems: string[] = [];
  try {
    for (const [index, route] of appRoutes().filter((r) => mayOpen(persona.role, r)).entries()) {
      const query = QUERY[route]?.(ids) ?? null;
      const found = await visit(page, route, query, index === 0, inflight);
      const slug = route.replace(/\/index$/, '').replace(/\//g, '-');
      await page.screenshot({ path: path.join(TOUR_DIR, `${who}--${slug}.png`), fullPage: true });
      problems.push(...found.map((f) => `${who} ${route}: ${f}`));
    }
  } finally {
    await context.close();
  }
  return [...new Set(problems)];
}

describe('visual tour at 390×844', () => {
  let personas: Persona[] = [];
  let ids: SeededIds = {};

  beforeAll(async () => {
    const response = await fetch(`${env.app.url}/api/_local/personas`);
    personas = ((await response.json()) as { personas: Persona[] }).personas;
    const owner = personas.find((p) => p.role === 'owner');
    if (!owner) throw new Error('the demo seed has no owner persona');
    ids = await seededIds(owner.openid);
  }, 60000);

  it('finds seeded ids for the pages that need them', () => {
    expect(ids).toEqual(expect.objectContaining({ campaign: expect.any(String), activity: expect.any(String), item: expect.any(String), lesson: expect.any(String), member: expect.any(Object) }));
    expect(appRoutes().length).toBeGreaterThan(30);
  });

  it('notices each thing it checks for on a deliberately bad page', async () => {
    const page = await env.browser.newPage({ viewport: VIEWPORT });
    await page.setContent(`<body style="margin:0">
      <div style="width:600px">wide</div>
      <p>参数 text 不正确</p><p>undefined</p><p>共 NaN 人</p><p>[object Object]</p><p>m_0123456789ab</p>
      <p style="font-size:10px">tiny</p>
      <p style="color:#adb5bd;background:#fff">faint</p>
      <button></button><input type="text">
    </body>`);
    const problems = (await page.evaluate(inspectPage)).join('\n');
    await page.close();
    for (const expected of ['sideways scroll', '参数', '"undefined"', '"NaN"', '[object Object]', 'internal member id', 'below 12px', 'low contrast', 'tappable without a name: <button', 'tappable without a name: <input']) {
      expect(problems).toContain(expected);
    }
  });

  const cases: Array<[string, (ps: Persona[]) => Persona]> = [
    ['new-member', () => ({ openid: `local-new-tour${Date.now().toString(36)}`, label: '新会员', role: 'member' })],
    ['member', (ps) => ps.find((p) => p.role === 'member') as Persona],
    ['host', (ps) => ps.find((p) => p.role === 'host') as Persona],
    ['owner', (ps) => ps.find((p) => p.role === 'owner') as Persona],
  ];
  it.each(cases)('shows every page to the %s without anything a person would notice', async (who, pick) => {
    const persona = pick(personas);
    expect(persona).toBeDefined();
    const problems = await tour(who, persona, ids);
    writeFileSync(path.join(TOUR_DIR, `${who}--problems.txt`), problems.join('\n'));
    expect(problems).toEqual([]);
  }, 600000);
});
