// <qy-chart>: a native weapp component that draws an echarts option on a canvas of type 2d
// (the echarts-for-weixin approach, with our own adapter in ../../chart/echarts). Properties:
// `option` (plain JSON echarts option) and `height` (CSS px). Emits `rendered` after each draw and
// `failed` when the canvas node is unavailable.
import { dispatchTouch, initOnCanvasNode } from '../../chart/echarts';

function pixelRatio() {
  if (typeof wx === 'undefined') return 1;
  if (typeof wx.getWindowInfo === 'function') return wx.getWindowInfo().pixelRatio || 1;
  return wx.getSystemInfoSync().pixelRatio || 1;
}

// echarts' extra layers (the heat map's among them) are off-screen canvases of type 2d from WeChat.
function offscreenCanvas() {
  return wx.createOffscreenCanvas({ type: '2d' });
}

function touchPoint(event) {
  const touch = (event.touches && event.touches[0]) || (event.changedTouches && event.changedTouches[0]) || {};
  return { x: touch.x || 0, y: touch.y || 0 };
}

Component({
  properties: {
    option: { type: Object, value: null, observer: 'draw' },
    height: { type: Number, value: 240 },
  },
  lifetimes: {
    ready() {
      this.createSelectorQuery()
        .select('#qy-chart-canvas')
        .fields({ node: true, size: true })
        .exec((res) => {
          const found = res && res[0];
          if (!found || !found.node || typeof found.node.getContext !== 'function') {
            this.triggerEvent('failed', { reason: 'no-canvas-node' });
            return;
          }
          const width = found.width || 320;
          const height = found.height || this.data.height;
          this.chart = initOnCanvasNode(found.node, width, height, pixelRatio(), offscreenCanvas);
          this.draw(this.data.option);
        });
    },
    detached() {
      if (this.chart) this.chart.dispose();
      this.chart = null;
    },
  },
  methods: {
    draw(option) {
      if (!this.chart || !option) return;
      this.chart.setOption(option, true);
      this.triggerEvent('rendered', {});
    },
    onTouchStart(event) {
      if (this.chart) dispatchTouch(this.chart, 'start', touchPoint(event));
    },
    onTouchMove(event) {
      if (this.chart) dispatchTouch(this.chart, 'move', touchPoint(event));
    },
    onTouchEnd(event) {
      if (this.chart) dispatchTouch(this.chart, 'end', touchPoint(event));
    },
  },
});
