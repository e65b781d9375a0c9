/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { FunnelCohorts, FunnelOverview } from '../types/api';
import { channelOption, cohortOption, funnelOption, weeklyOption } from '../src/subpackages/owner/chart/options';

// The native <qy-chart> weapp component in miniprogram-simulate: it must find its canvas-2d node,
// hand it to echarts through our adapter and really draw the option (text and shapes reach the
// node's 2d context), redraw on a new option, and report when there is no canvas node.

const COMPONENT = path.resolve(__dirname, '../src/subpackages/owner/components/qy-chart/index');

/** A 2d context that records every call; measureText gives a width proportional to the text. */
function recordingContext() {
  const calls: Array<{ name: string; args: unknown[] }> = [];
  const state: Record<string, unknown> = {};
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return (text: string) => ({ width: String(text).length * 7 });
      if (prop === 'getImageData') return () => ({ data: new Uint8ClampedArray(4) });
      if (prop === 'createLinearGradient' || prop === 'createRadialGradient' || prop === 'createPattern') return () => ({ addColorStop: () => undefined });
      return (...args: unknown[]) => {
        calls.push({ name: prop, args });
      };
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  });
  return { ctx, calls };
}

function fakeCanvasQuery(node: unknown, width: number, height: number) {
  const query = {
    select: () => query,
    fields: () => query,
    exec: (cb: (res: unknown[]) => void) => setTimeout(() => cb([node ? { node, width, height } : null]), 0),
  };
  return () => query;
}

const FUNNEL = {
  animation: false,
  series: [{ type: 'funnel', sort: 'none', label: { show: true, formatter: '{b} {c}' }, data: [{ name: '拉新', value: 300 }, { name: '激活', value: 180 }, { name: '留存', value: 90 }] }],
};

// On weapp `document` is Taro's stand-in: `document.createElement('canvas')` gives an element
// without `getContext`, so anything echarts draws off the main canvas (the heat map's extra layer)
// must come from the platform (`wx.createOffscreenCanvas`). The test gives the same world.
const offscreen: Array<{ type: unknown; node: unknown; calls: Array<{ name: string; args: unknown[] }> }> = [];
let restoreCreateElement: () => void = () => undefined;
let componentId = '';
beforeAll(() => {
  const original = document.createElement.bind(document);
  const spy = jest.spyOn(document, 'createElement').mockImplementation(((tag: string, options?: ElementCreationOptions) => {
    if (tag.toLowerCase() !== 'canvas') return original(tag, options);
    return { nodeName: 'CANVAS', tagName: 'CANVAS', style: {}, setAttribute: () => undefined, width: 0, height: 0 } as unknown as HTMLElement;
  }) as typeof document.createElement);
  restoreCreateElement = () => spy.mockRestore();
  (globalThis as any).wx = {
    getWindowInfo: () => ({ pixelRatio: 2 }),
    getSystemInfoSync: () => ({ pixelRatio: 2, platform: 'android' }),
    createOffscreenCanvas: (options: { type?: string }) => {
      const { ctx, calls } = recordingContext();
      const node = { width: 0, height: 0, getContext: () => ctx };
      offscreen.push({ type: options && options.type, node, calls });
      return node;
    },
  };
  componentId = simulate.load(COMPONENT, 'qy-chart', { compiler: 'simulate' });
});
afterAll(() => {
  restoreCreateElement();
  delete (globalThis as any).wx;
});

function render(props: Record<string, unknown>, node: unknown) {
  const id = componentId;
  const comp = simulate.render(id, props);
  (comp.instance as any).createSelectorQuery = fakeCanvasQuery(node, 320, 200);
  const events: string[] = [];
  const root = comp as any;
  root.addEventListener('rendered', () => events.push('rendered'));
  root.addEventListener('failed', () => events.push('failed'));
  comp.attach(document.createElement('parent-wrapper'));
  return { comp, events };
}

describe('<qy-chart> native weapp component', () => {
  it('renders a canvas of type 2d and draws the funnel option on its node', async () => {
    const { ctx, calls } = recordingContext();
    const node = { width: 0, height: 0, getContext: () => ctx };
    const { comp, events } = render({ option: FUNNEL, height: 200 }, node);
    // j-component keeps canvas attributes off the DOM, so the template is checked for the 2d type.
    expect(comp.querySelector('#qy-chart-canvas')).toBeTruthy();
    expect(readFileSync(`${COMPONENT}.wxml`, 'utf8')).toMatch(/<canvas type="2d" id="qy-chart-canvas"/);
    await simulate.sleep(30);
    expect(events).toContain('rendered');
    // Backing store sized for the device pixel ratio.
    expect(node.width).toBeGreaterThanOrEqual(320);
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(texts.some((t) => t.includes('拉新'))).toBe(true);
    expect(texts.some((t) => t.includes('留存 90'))).toBe(true);
    expect(calls.some((c) => c.name === 'fill' || c.name === 'fillRect')).toBe(true);
  });

  it('redraws when the option changes', async () => {
    const { ctx, calls } = recordingContext();
    const node = { width: 0, height: 0, getContext: () => ctx };
    const { comp } = render({ option: FUNNEL, height: 200 }, node);
    await simulate.sleep(30);
    calls.length = 0;
    comp.setData({ option: { animation: false, xAxis: { type: 'category', data: ['好友邀请', '海报'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [5, 3] }] } });
    await simulate.sleep(30);
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(texts).toContain('好友邀请');
  });

  // The four kinds the owner panel draws, from the panel's own option builders.
  const overview = {
    from: '2026-09-01', to: '2026-11-30', channel: null, today: '2026-11-30',
    stages: [
      { key: 'acquired', count: 300, availability: { status: 'available' } },
      { key: 'activated', count: 180, availability: { status: 'available' } },
      { key: 'retained', count: 90, availability: { status: 'available' } },
    ],
    channels: [{ channel: 'referral', acquired: 120, activated: 80, retained: 40 }, { channel: 'poster', acquired: 60, activated: 30, retained: 12 }],
    weekly: [{ week: '2026-11-16', acquired: 21 }, { week: '2026-11-23', acquired: 34 }],
  } as unknown as FunnelOverview;
  const cohorts: FunnelCohorts = { today: '2026-11-30', rows: [{ week: '2026-11-09', members: 40, shares: [1, 0.55, 0.42] }, { week: '2026-11-16', members: 31, shares: [1, 0.61, null] }] };
  it.each([
    ['funnel', funnelOption(overview), '拉新 300人'],
    ['bar', channelOption(overview), '好友邀请'],
    ['line', weeklyOption(overview), '11-23'],
    ['heatmap', cohortOption(cohorts), '55'],
  ])('draws the owner panel %s chart on weapp', async (kind, option, text) => {
    offscreen.length = 0;
    const { ctx, calls } = recordingContext();
    const node = { width: 0, height: 0, getContext: () => ctx };
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
    window.addEventListener('error', onError);
    const { events } = render({ option, height: 200 }, node);
    await simulate.sleep(30);
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    expect(events).toContain('rendered');
    // Whatever echarts painted off-screen, it painted on canvases of type 2d made by WeChat.
    expect(offscreen.every((c) => c.type === '2d')).toBe(true);
    const texts = [...calls, ...offscreen.flatMap((c) => c.calls)].filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(texts).toContain(text);
    // Layers drawn off-screen reach the visible canvas.
    const composited = calls.filter((c) => c.name === 'drawImage').map((c) => c.args[0]);
    if (kind === 'heatmap') expect(composited.length).toBeGreaterThan(0);
    expect(offscreen.filter((c) => c.calls.length > 0).every((c) => composited.includes(c.node))).toBe(true);
  });

  it('reports failure when the canvas node is missing', async () => {
    const { events } = render({ option: FUNNEL }, null);
    await simulate.sleep(30);
    expect(events).toEqual(['failed']);
  });
});
