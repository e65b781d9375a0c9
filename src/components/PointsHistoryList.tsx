import { Text, View } from '@tarojs/components';
import type { LedgerEntryView } from '../../types/domain';
import { REASON_LABEL } from '../core/labels';
import { showDateTime as when } from '../services/time';
import './ui.css';

/** Ledger lines as a member reads them: reason, time, signed amount and the balance after. */
export function PointsHistoryList({ entries }: { entries: LedgerEntryView[] }) {
  return (
    <View className='ledger'>
      {entries.map((e) => (
        <View key={e.id} className='ledger__row' data-testid='ledger-row'>
          <View className='ledger__main'>
            <Text className='ledger__reason'>{REASON_LABEL[e.reason]}</Text>
            <Text className='ledger__meta'>
              {when(e.createdAt)}
              {e.label && !when(e.createdAt).startsWith(e.label) ? ` · ${e.label}` : ''}
              {e.reverses && e.label !== '冲正' ? ' · 冲正' : ''}
            </Text>
            {e.note && e.reason !== 'referral' ? <Text className='ledger__note'>原因：{e.note}</Text> : null}
          </View>
          <View className='ledger__side'>
            <Text className={`ledger__delta ${e.delta > 0 ? 'is-credit' : 'is-debit'}`}>{e.delta > 0 ? `+${e.delta}` : e.delta}</Text>
            <Text className='ledger__after'>余额 {e.balanceAfter}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
