import { Text } from '@tarojs/components';
import type { PointsBalance } from '../../types/api';
import { showDay } from '../services/time';
import './ui.css';

/** "X 积分将于 D 到期" when part of the balance expires within 30 days; nothing otherwise. */
export function ExpiryNote({ balance }: { balance: PointsBalance | null }) {
  const soon = balance?.expiringSoon;
  if (!soon) return null;
  return (
    <Text className='expiry-note' data-testid='expiry-note'>
      {soon.points} 积分将于 {showDay(soon.at)} 到期
    </Text>
  );
}
