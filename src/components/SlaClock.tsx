import { Text } from '@tarojs/components';
import type { SlaView } from '../../types/support';
import { showMonthDayTime } from '../services/time';

/** A service-level clock in the community's time: due time, met or overdue, and when it went to the owner. */
export function SlaClock({ clock }: { clock: SlaView }) {
  if (clock.metAt) {
    return <Text className={clock.overdue ? 'sla sla--late' : 'sla sla--ok'}>{clock.overdue ? '超时后处理' : '按时处理'} · {showMonthDayTime(clock.metAt)}</Text>;
  }
  if (clock.toOwner) return <Text className='sla sla--owner'>已超时，已提醒群主 · 应于 {showMonthDayTime(clock.dueAt)} 前</Text>;
  if (clock.overdue) return <Text className='sla sla--late'>已超时 · 应于 {showMonthDayTime(clock.dueAt)} 前</Text>;
  return <Text className='sla'>应于 {showMonthDayTime(clock.dueAt)} 前处理</Text>;
}
