import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CheckinCalendarGrid } from '../../../components/CheckinCalendarGrid';
import { ErrorNote } from '../../../components/ErrorNote';
import { shiftMonth, useCheckinCalendar } from '../../../hooks/useCheckinCalendar';
import { tapRole } from '../../../components/a11y';
import { confirmFirst } from '../../../components/ConfirmButton';
import { Stat } from '../../../components/Stat';

function monthTitle(month: string): string {
  return `${month.slice(0, 4)} 年 ${Number(month.slice(5))} 月`;
}

function dayTitle(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;
}

/** 签到日历: a month of checked / made-up / missed days, the streak, the next milestone, and 补签 for recent missed days. */
export default function CheckinCalendarPage() {
  const [month, setMonth] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const cal = useCheckinCalendar(month);
  const data = cal.data?.calendar;
  const shown = data?.month ?? month;
  const picked = data?.days.find((d) => d.day === (selected ?? data.today));

  const onMakeUp = async (day: string) => {
    const makeup = cal.data?.calendar.makeup;
    const price = makeup && makeup.cards > 0 ? '1 张补签卡' : `${makeup?.costPoints ?? 0} 积分`;
    if (!(await confirmFirst({ title: '确认补签', content: `补签 ${day}，将用掉${price}。`, confirmText: '补签' }))) return;
    const done = await cal.makeUp(day);
    if (done) {
      const paid = done.paidWith === 'card' ? '用掉 1 张补签卡' : `花费 ${done.cost} 积分`;
      void Taro.showToast({ title: `补签成功，${paid}，+${done.awarded}`, icon: 'none' });
    }
  };

  return (
    <View className='page'>
      {cal.error && !data ? <ErrorNote error={cal.error} onRetry={() => void cal.reload()} /> : null}
      {data ? (
        <View className='card'>
          <View className='checkin-card__stats'>
            <Stat value={data.streak} label='连续签到（天）' testId='cal-streak' />
            <Stat value={data.longestStreak} label='最长连续' />
            <Stat value={data.checkedIn ? '✓' : `+${data.todayReward}`} label={data.checkedIn ? '今日已签到' : '今日可得'} />
          </View>
          <Text className='checkin-card__hint'>
            {data.nextMilestone ? `再签 ${data.nextMilestone.daysLeft} 天得 +${data.nextMilestone.bonus}` : '已达成全部连续签到奖励'}
          </Text>
        </View>
      ) : null}
      <View className='card'>
        <View className='calendar__nav'>
          <Text {...tapRole('button')} className='calendar__arrow' onClick={() => shown && setMonth(shiftMonth(shown, -1))}>
            ‹ 上月
          </Text>
          <Text className='section-title' data-testid='cal-month'>
            {shown ? monthTitle(shown) : ''}
          </Text>
          <Text {...tapRole('button')} className='calendar__arrow' onClick={() => shown && setMonth(shiftMonth(shown, 1))}>
            下月 ›
          </Text>
        </View>
        {data ? <CheckinCalendarGrid calendar={data} selected={selected} onSelect={setSelected} /> : <Text className='muted'>正在加载日历…</Text>}
        {picked?.note ? (
          <View className='note__shown' data-testid='cal-note'>
            <Text className='log-entry__meta'>{dayTitle(picked.day)} 的打卡笔记</Text>
            <Text className='note__body'>{picked.note.text}</Text>
            <View className='note__images'>
              {picked.note.images.map((ref) => (
                <Image key={ref} className='note__img' src={ref} mode='aspectFill' />
              ))}
            </View>
          </View>
        ) : null}
        {data?.checkedIn && (selected === null || selected === data.today) ? (
          <Text {...tapRole('link')} className='checkin-card__link' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/note/index' })}>
            {picked?.note ? '编辑今天的打卡笔记 ›' : '写今天的打卡笔记 ›'}
          </Text>
        ) : null}
      </View>
      {data ? (
        <View className='card'>
          <Text className='section-title'>补签</Text>
          <Text className='muted'>
            最近 {data.makeup.windowDays} 天内漏签可补签，每月 {data.makeup.monthlyQuota} 次（本月已用 {data.makeup.usedThisMonth} 次）；每次
            {data.makeup.cards > 0 ? ` 用 1 张补签卡（你有 ${data.makeup.cards} 张）` : ` ${data.makeup.costPoints} 积分（你有 ${cal.data?.balance ?? 0} 积分）`}
            ，补签只得基础积分。
          </Text>
          {cal.actionError ? <ErrorNote error={cal.actionError} /> : null}
          {data.makeup.candidates.length > 0 ? (
            data.makeup.candidates.map((day) => (
              <Button
                key={day}
                className='btn btn--ghost'
                loading={cal.submitting === day}
                disabled={cal.submitting !== null}
                onClick={() => void onMakeUp(day)}
              >
                补签 {dayTitle(day)}
              </Button>
            ))
          ) : (
            <Text className='muted calendar__none'>
              {data.makeup.usedThisMonth >= data.makeup.monthlyQuota ? '本月补签次数已用完。' : '最近没有可补签的日子，继续保持！'}
            </Text>
          )}
        </View>
      ) : null}
    </View>
  );
}
