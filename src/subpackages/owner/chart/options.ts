/**
 * echarts options for the owner panel, built from the wire answers. Plain JSON only (string
 * formatters, no callbacks): on weapp the option crosses setData into the native chart component.
 */
import type { FunnelCohorts, FunnelOverview } from '../../../../types/api';
import { CHANNEL_LABEL } from '../../../core/labels';
import type { ChartOption } from './echarts';

/** Chinese names of the funnel stages. */
export const STAGE_LABEL = { acquired: '拉新', activated: '激活', retained: '留存', converted: '转化' } as const;

const COLORS = ['#e8590c', '#f08c00', '#2f9e44', '#1c7ed6', '#7048e8'];

/** The funnel of stages that have figures (a stage waiting for its capability is left out of the drawing). */
export function funnelOption(overview: FunnelOverview): ChartOption {
  const stages = overview.stages.filter((s) => s.availability.status === 'available');
  return {
    animation: false,
    color: COLORS,
    tooltip: { trigger: 'item', formatter: '{b}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        top: 8,
        bottom: 8,
        minSize: '20%',
        gap: 4,
        label: { show: true, position: 'inside', formatter: '{b}', color: '#fff', fontSize: 13 },
        data: stages.map((s) => ({ name: `${STAGE_LABEL[s.key]} ${s.count}人`, value: s.count })),
      },
    ],
  };
}

/** Stage counts per channel as grouped bars. */
export function channelOption(overview: FunnelOverview): ChartOption {
  return {
    animation: false,
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['拉新', '激活', '留存'] },
    grid: { left: 36, right: 12, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: overview.channels.map((c) => CHANNEL_LABEL[c.channel]), axisLabel: { interval: 0, fontSize: 12, hideOverlap: false } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '拉新', type: 'bar', data: overview.channels.map((c) => c.acquired) },
      { name: '激活', type: 'bar', data: overview.channels.map((c) => c.activated) },
      { name: '留存', type: 'bar', data: overview.channels.map((c) => c.retained) },
    ],
  };
}

/** New members per week as a line. */
export function weeklyOption(overview: FunnelOverview): ChartOption {
  return {
    animation: false,
    color: COLORS,
    tooltip: { trigger: 'axis' },
    grid: { left: 36, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: overview.weekly.map((w) => w.week.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: '新成员', type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: overview.weekly.map((w) => w.acquired) }],
  };
}

/** Weekly cohorts × weeks since joining as a heat map of the share active (in %). */
export function cohortOption(cohorts: FunnelCohorts): ChartOption {
  const weeks = Math.max(1, ...cohorts.rows.map((r) => r.shares.length));
  const data: Array<[number, number, number]> = [];
  cohorts.rows.forEach((row, y) => {
    row.shares.forEach((share, x) => {
      if (share !== null) data.push([x, y, Math.round(share * 100)]);
    });
  });
  return {
    animation: false,
    tooltip: { position: 'top', formatter: '{c}' },
    grid: { left: 64, right: 8, top: 8, bottom: 56 },
    xAxis: { type: 'category', data: Array.from({ length: weeks }, (_, i) => `第${i}周`), splitArea: { show: true } },
    yAxis: { type: 'category', data: cohorts.rows.map((r) => `${r.week.slice(5)}（${r.members}）`), inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: ['100%', '0%'], inRange: { color: ['#fff4e6', '#e8590c'] } },
    series: [{ name: '活跃占比', type: 'heatmap', data, label: { show: true, fontSize: 10, formatter: '{@[2]}' } }],
  };
}
