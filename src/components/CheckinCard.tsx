import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { CheckinToday } from '../../types/api';
import './ui.css';
import { tapRole } from './a11y';
import { Stat } from './Stat';

interface Props {
  today: CheckinToday;
  balance: number;
  submitting: boolean;
  onCheckin: () => void;
}

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

function weekdayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return WEEKDAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** The 首页 check-in card: streak, balance, the last 7 days, today's reward, the next milestone and the way to the calendar. */
export function CheckinCard({ today, balance, submitting, onCheckin }: Props) {
  const week = today.lastDays.slice(-7);
  const milestone = today.nextMilestone;
  return (
    <View className='card checkin-card'>
      <View className='checkin-card__stats'>
        <Stat value={today.streak} label='连续签到（天）' testId='streak' />
        <Stat value={balance} label='我的积分' testId='balance' />
        <Stat value={today.longestStreak} label='最长连续' />
      </View>
      <View className='week-strip'>
        {week.map((d) => (
          <View key={d.day} className={`week-strip__day${d.checked ? ' is-checked' : ''}${d.day === today.day ? ' is-today' : ''}`}>
            <Text className='week-strip__label'>{d.day === today.day ? '今' : weekdayOf(d.day)}</Text>
            <Text className='week-strip__mark'>{d.checked ? '✓' : '·'}</Text>
          </View>
        ))}
      </View>
      {today.checkedIn ? (
        <Button className='btn btn--done' disabled>
          今日已签到
        </Button>
      ) : (
        <Button className='btn btn--primary' loading={submitting} disabled={submitting} onClick={onCheckin}>
          签到 +{today.todayReward}
        </Button>
      )}
      <Text className='checkin-card__hint'>
        {milestone ? `再签 ${milestone.daysLeft} 天得 +${milestone.bonus}` : `已累计签到 ${today.totalDays} 天，继续保持！`}
      </Text>
      <Text {...tapRole('link')} className='checkin-card__link' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/calendar/index' })}>
        签到日历 · 补签 ›
      </Text>
      {today.checkedIn ? (
        <Text {...tapRole('link')} className='checkin-card__link' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/note/index' })}>
          写打卡笔记 ›
        </Text>
      ) : null}
      {today.checkedIn && process.env.TARO_ENV !== 'h5' ? (
        <Button className='btn btn--ghost' openType='share'>
          分享打卡
        </Button>
      ) : null}
    </View>
  );
}
