/**
 * The owner panel's echarts build: `echarts/core` with only the four chart types and the
 * components the panel uses, on the canvas renderer (tree-shaken; docs/architecture.md, budgets).
 * Lives in the owner subpackage so the main package never carries it. Also the weapp canvas adapter: echarts draws
 * straight onto a `<canvas type="2d">` node through a small element-like wrapper we write.
 */
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([FunnelChart, BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

/** A chart option as plain JSON (it crosses weapp's setData, so no functions). */
export type ChartOption = Record<string, unknown>;

/** A chart instance as the panel uses it. */
export type ChartInstance = echarts.ECharts;

/** What we need of a weapp canvas-2d node (`SelectorQuery.fields({ node: true })`). */
export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
}

/** A touch point in canvas CSS pixels. */
export interface TouchPoint {
  x: number;
  y: number;
}

/**
 * Wrap a canvas-2d node as the single `<canvas>` zrender paints on: zrender recognises a root
 * whose nodeName is CANVAS and draws into it directly, sized by the options we pass to init.
 */
export function canvasElement(node: CanvasNode, width: number, height: number): HTMLElement {
  const attributes = new Map<string, string>();
  const element = {
    nodeName: 'CANVAS',
    tagName: 'CANVAS',
    style: {} as Record<string, string>,
    get width() {
      return node.width;
    },
    set width(value: number) {
      node.width = value;
    },
    get height() {
      return node.height;
    },
    set height(value: number) {
      node.height = value;
    },
    getContext: (type: '2d') => node.getContext(type),
    getAttribute: (name: string) => attributes.get(name) ?? null,
    setAttribute: (name: string, value: string) => void attributes.set(name, value),
    removeAttribute: (name: string) => void attributes.delete(name),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    getBoundingClientRect: () => ({ left: 0, top: 0, right: width, bottom: height, width, height, x: 0, y: 0 }),
  };
  return element as unknown as HTMLElement;
}

/** Makes a fresh off-screen canvas-2d (on weapp `wx.createOffscreenCanvas({ type: '2d' })`). */
export type CanvasCreator = () => CanvasNode;

/**
 * Start a chart on a weapp canvas-2d node: the backing store is sized for the device pixel ratio,
 * text is measured with the node's own context, and every extra canvas echarts asks for (the
 * heat map and incremental layers, composited onto the node) comes from `createCanvas`: weapp's
 * `document.createElement('canvas')` is Taro's stand-in without `getContext`.
 */
export function initOnCanvasNode(node: CanvasNode, width: number, height: number, dpr: number, createCanvas: CanvasCreator): ChartInstance {
  const ctx = node.getContext('2d');
  echarts.setPlatformAPI({
    measureText(text: string, font?: string) {
      ctx.font = font ?? '12px sans-serif';
      return ctx.measureText(text);
    },
    createCanvas: () => createCanvas() as unknown as HTMLCanvasElement,
  });
  node.width = Math.round(width * dpr);
  node.height = Math.round(height * dpr);
  return echarts.init(canvasElement(node, width, height), undefined, { renderer: 'canvas', width, height, devicePixelRatio: dpr });
}

/** Feed a touch to the chart as the mouse events zrender understands (tap shows the tooltip). */
export function dispatchTouch(chart: ChartInstance, kind: 'start' | 'move' | 'end', point: TouchPoint): void {
  const handler = chart.getZr().handler;
  const event = { zrX: point.x, zrY: point.y, preventDefault: () => undefined, stopImmediatePropagation: () => undefined, stopPropagation: () => undefined };
  if (kind === 'start') {
    handler.dispatch('mousedown', event);
    handler.dispatch('mousemove', event);
  } else if (kind === 'move') {
    handler.dispatch('mousemove', event);
  } else {
    handler.dispatch('mouseup', event);
    handler.dispatch('click', event);
  }
}

/** Start a chart in a DOM element (h5): echarts creates its own `<canvas>` inside it. */
export function initOnElement(element: HTMLElement): ChartInstance {
  return echarts.init(element, undefined, { renderer: 'canvas' });
}
