import { Text, View } from '@tarojs/components';
import type { CalendarDayStatus, CheckinCalendar } from '../../types/api';
import './ui.css';

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

const MARK: Record<CalendarDayStatus, string> = {
  checked: '✓',
  makeup: '补',
  missed: '×',
  today: '今',
  future: '',
  before_join: '',
};

/** Status words for screen readers and tests. */
export const STATUS_LABEL: Record<CalendarDayStatus, string> = {
  checked: '已签到',
  makeup: '已补签',
  missed: '漏签',
  today: '今天',
  future: '未到',
  before_join: '未加入',
};

function weekdayOfFirst(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
}

/** A month grid of check-in days: checked ✓, made up 补 (distinct colour), missed ×, today outlined; a dot marks a note. */
export function CheckinCalendarGrid({ calendar, selected, onSelect }: { calendar: CheckinCalendar; selected?: string | null; onSelect?: (day: string) => void }) {
  const blanks = Array.from({ length: weekdayOfFirst(calendar.month) }, (_, i) => i);
  return (
    <View className='calendar'>
      <View className='calendar__row'>
        {WEEK.map((w) => (
          <Text key={w} className='calendar__head'>
            {w}
          </Text>
        ))}
      </View>
      <View className='calendar__grid'>
        {blanks.map((i) => (
          <View key={`blank-${i}`} className='calendar__cell is-blank' />
        ))}
        {calendar.days.map((d) => (
          <View
            key={d.day}
            className={`calendar__cell is-${d.status}${d.day === calendar.today ? ' is-today' : ''}${d.day === selected ? ' is-selected' : ''}`}
            onClick={() => onSelect?.(d.day)}
            data-testid={`cal-${d.day}`}
            data-status={d.status}
          >
            <Text className='calendar__num'>{Number(d.day.slice(8))}</Text>
            <Text className='calendar__mark'>{d.day === calendar.today && calendar.checkedIn ? MARK.checked : MARK[d.status]}</Text>
            {d.note ? <Text className='calendar__dot'>•</Text> : null}
          </View>
        ))}
      </View>
      <View className='calendar__legend'>
        <Text className='legend is-checked'>✓ 已签到</Text>
        <Text className='legend is-makeup'>补 已补签</Text>
        <Text className='legend is-missed'>× 漏签</Text>
      </View>
    </View>
  );
}
