import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { FunnelStageView, MetricView, SegmentDimension } from '../../../../types/api';
import type { Channel } from '../../../../types/domain';
import { addDays } from '../../../core/day';
import { CHANNEL_LABEL } from '../../../core/labels';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { InactiveList } from './InactiveList';
import { ProfileBreakdown } from './ProfileBreakdown';
import { useFunnelGroups, useFunnelPanel, useSegmentExport } from '../../../hooks/useFunnel';
import { showDay } from '../../../services/time';
import { Chart } from '../chart/Chart';
import { STAGE_LABEL, channelOption, cohortOption, funnelOption, weeklyOption } from '../chart/options';
import './index.css';
import { tapRole } from '../../../components/a11y';

const RANGES = [
  { days: 30, label: '近30天' },
  { days: 90, label: '近90天' },
  { days: 365, label: '近一年' },
];
const CHANNELS: Channel[] = ['referral', 'poster', 'group', 'lesson', 'organic'];

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function metricValue(m: MetricView): string {
  if (m.availability.status === 'unavailable' || m.value === null) return '暂无';
  if (m.unit === 'ratio') return pct(m.value);
  if (m.unit === 'minutes') return `${Math.round(m.value)} 分钟`;
  if (m.unit === 'score') return `${m.value.toFixed(2)} / 5`;
  return m.value.toLocaleString('zh-CN');
}

function StageRow({ stage }: { stage: FunnelStageView }) {
  const pending = stage.availability.status === 'unavailable' ? stage.availability.reason : null;
  return (
    <View className='stage-row' data-testid={`stage-${stage.key}`}>
      <View className='stage-row__head'>
        <Text className='stage-row__name'>{STAGE_LABEL[stage.key]}</Text>
        <Text className='stage-row__count'>{pending ? '待上线' : `${stage.count} 人`}</Text>
      </View>
      {pending ? (
        <Text className='muted'>{pending}</Text>
      ) : (
        <Text className='muted'>
          {stage.key === 'acquired'
            ? '加入社群的成员'
            : `环比 ${pct(stage.stepConversion)} · 整体 ${pct(stage.overallConversion)} · 流失 ${stage.dropOff} 人 · 中位用时 ${stage.medianDaysToReach === null ? '—' : `${stage.medianDaysToReach} 天`}`}
        </Text>
      )}
    </View>
  );
}

function saveCsv(filename: string, csv: string): void {
  if (process.env.TARO_ENV === 'h5') {
    const blob = new Blob([`\ufeff${csv}`], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    URL.revokeObjectURL(url);
    return;
  }
  void Taro.setClipboardData({ data: csv }).then(() => Taro.showToast({ title: 'CSV 已复制', icon: 'success' }));
}

/** 数据看板 (owner only): funnel, channels, weekly trend, cohort retention, metrics, segments and the inactive list. */
export default function OwnerFunnelPage() {
  const [days, setDays] = useState(90);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const groups = useFunnelGroups();
  const groupName = groups.find((g) => g.id === groupId)?.name ?? null;
  const [openMetric, setOpenMetric] = useState<string | null>(null);
  const today = showDay(Date.now());
  const from = addDays(today, -(days - 1));
  const panel = useFunnelPanel(from, today, channel, groupId);
  const exporter = useSegmentExport();
  const overview = panel.overview.data;
  const cohorts = panel.cohorts.data;
  const options = useMemo(
    () => (overview ? { funnel: funnelOption(overview), channels: channelOption(overview), weekly: weeklyOption(overview) } : null),
    [overview],
  );
  const heat = useMemo(() => (cohorts ? cohortOption(cohorts) : null), [cohorts]);

  const onExport = async (dimension: SegmentDimension, value: string) => {
    const result = await exporter.run(dimension, value);
    if (result) saveCsv(result.filename, result.csv);
  };

  return (
    <View className='page funnel-page'>
      <View className='card'>
        <View className='chips'>
          {RANGES.map((r) => (
            <Text {...tapRole('tab', r.days === days)} key={r.days} className={`chip${r.days === days ? ' is-active' : ''}`} onClick={() => setDays(r.days)}>
              {r.label}
            </Text>
          ))}
        </View>
        <View className='chips'>
          <Text {...tapRole('tab', channel === null)} className={`chip${channel === null ? ' is-active' : ''}`} onClick={() => setChannel(null)}>
            全部渠道
          </Text>
          {CHANNELS.map((c) => (
            <Text {...tapRole('tab', channel === c)} key={c} className={`chip${channel === c ? ' is-active' : ''}`} onClick={() => setChannel(c)}>
              {CHANNEL_LABEL[c]}
            </Text>
          ))}
        </View>
        {groups.length > 0 ? (
          <View className='chips' data-testid='group-filter'>
            <Text className={`chip${groupId === null ? ' is-active' : ''}`} onClick={() => setGroupId(null)}>
              全部群
            </Text>
            {groups.map((g) => (
              <Text key={g.id} className={`chip${groupId === g.id ? ' is-active' : ''}`} onClick={() => setGroupId(g.id)}>
                {g.name}
              </Text>
            ))}
          </View>
        ) : null}
        <Text className='muted'>
          按加入日期 {from} 至 {today} 统计
          {groupName ? `，只看经「${groupName}」加入的成员（加入当天第一次从这个群进入）；运营指标为本群数据` : ''}
        </Text>
      </View>

      <View className='card'>
        <Text className='section-title'>漏斗 拉新 → 激活 → 留存 → 转化</Text>
        {panel.overview.error ? <ErrorNote error={panel.overview.error} onRetry={() => void panel.overview.reload()} /> : null}
        {overview && options ? (
          overview.stages[0].count === 0 ? (
            <EmptyState title='这段时间没有新成员' detail='换一个时间范围或渠道看看' />
          ) : (
            <View>
              <Chart option={options.funnel} height={220} testId='chart-funnel' />
              {overview.stages.map((s) => (
                <StageRow key={s.key} stage={s} />
              ))}
              {overview.openWindows.retained > 0 ? (
                <Text className='muted stage-note' data-testid='open-windows'>
                  其中 {overview.openWindows.retained} 人加入不满 {overview.windows.retentionToDay} 天，留存窗口还没结束，之后还可能进入留存。
                </Text>
              ) : null}
              <Text className='muted'>
                激活：加入 {overview.windows.activationDays} 天内有签到、听课或兑换；留存：第 {overview.windows.retentionFromDay}–{overview.windows.retentionToDay} 天内至少{' '}
                {overview.windows.retentionMinActiveDays} 天活跃；转化：{overview.windows.conversionDays} 天内开通付费会员。
              </Text>
            </View>
          )
        ) : null}
        {panel.overview.loading && !overview ? <Text className='muted'>加载中…</Text> : null}
      </View>

      {overview && overview.stages[0].count > 0 && options ? (
        <View className='card'>
          <Text className='section-title'>渠道对比</Text>
          <Chart option={options.channels} height={220} testId='chart-channels' />
          <Text className='section-title section-title--spaced'>每周新增成员</Text>
          <Chart option={options.weekly} height={180} testId='chart-weekly' />
        </View>
      ) : null}

      <View className='card'>
        <Text className='section-title'>留存矩阵（按加入周）</Text>
        <Text className='muted'>每格：该周加入的成员在加入后第 N 周有任一行为的占比；未满一周的不显示。</Text>
        {panel.cohorts.error ? <ErrorNote error={panel.cohorts.error} onRetry={() => void panel.cohorts.reload()} /> : null}
        {cohorts && heat && cohorts.rows.length > 0 ? <Chart option={heat} height={Math.max(200, 40 + cohorts.rows.length * 26)} testId='chart-cohorts' /> : null}
      </View>

      <View className='card'>
        <Text className='section-title'>运营指标</Text>
        <Text className='muted'>点一下指标查看口径。</Text>
        {panel.metrics.error ? <ErrorNote error={panel.metrics.error} onRetry={() => void panel.metrics.reload()} /> : null}
        {panel.metrics.data?.metrics.map((m) => (
          <View {...tapRole('button')} key={m.key} className='metric' data-testid={`metric-${m.key}`} onClick={() => setOpenMetric(openMetric === m.key ? null : m.key)}>
            <View className='figure-row'>
              <Text>{m.label}</Text>
              <Text className={m.availability.status === 'available' ? 'figure-row__value' : 'muted'}>{metricValue(m)}</Text>
            </View>
            {m.availability.status === 'unavailable' ? <Text className='metric__note'>{m.availability.reason}</Text> : null}
            {openMetric === m.key ? <Text className='metric__definition'>口径：{m.definition}</Text> : null}
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='section-title'>成员分群</Text>
        {panel.segments.error ? <ErrorNote error={panel.segments.error} onRetry={() => void panel.segments.reload()} /> : null}
        {exporter.error ? <ErrorNote error={exporter.error} /> : null}
        {panel.segments.data?.groups.map((g) => (
          <View key={g.dimension} className='segment-group'>
            <Text className='segment-group__title'>{g.label}</Text>
            {g.availability.status === 'unavailable' ? <Text className='muted'>{g.availability.reason}</Text> : null}
            {g.items.map((item) => (
              <View key={item.value} className='figure-row'>
                <Text>{item.label}</Text>
                <View className='segment-group__side'>
                  <Text className='figure-row__value'>{item.count}</Text>
                  <Text {...tapRole('link')} className='link' onClick={() => void onExport(g.dimension, item.value)}>
                    导出
                  </Text>
                </View>
              </View>
            ))}
          </View>
        ))}
      </View>

      <ProfileBreakdown from={from} to={today} />

      <InactiveList
        exportLink={
          <Text {...tapRole('link')} className='link' onClick={() => void onExport('inactive', '')}>
            {process.env.TARO_ENV === 'h5' ? '下载 CSV' : '复制 CSV'}
          </Text>
        }
      />
      {exporter.busy ? <Button className='btn btn--ghost' loading>正在导出</Button> : null}
    </View>
  );
}
