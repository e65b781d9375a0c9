import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { QueueItemView } from '../../../../types/support';
import { EmptyState } from '../../../components/EmptyState';
import { PageStatus } from '../../../components/PageStatus';
import { SlaClock } from '../../../components/SlaClock';
import { useSessionKey } from '../../../hooks/useSessionKey';
import { useSupportQueue } from '../../../hooks/useSupport';
import { showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';

type Tab = QueueItemView['kind'] | 'all' | 'owner';
const TAB_LABEL: Record<Tab, string> = { all: '全部', question: '待回答', complaint: '投诉', dispute: '纠纷', owner: '需群主' };
const isOwnerItem = (i: QueueItemView) => i.state === '已上报群主' || i.clock.toOwner;

function open(item: QueueItemView) {
  const url = item.kind === 'question' ? `/subpackages/member/support-item/index?question=${item.id}` : `/subpackages/member/support-item/index?case=${item.id}`;
  void Taro.navigateTo({ url });
}

/** 答疑与客服 (hosts): everything waiting, overdue first, each with its service-level clock in the community's time. */
export default function SupportQueuePage() {
  const { params } = useRouter();
  const session = useSessionKey();
  const queue = useSupportQueue(session.sessionKey);
  const initial: Tab = params.tab === 'question' || params.tab === 'complaint' || params.tab === 'dispute' || params.tab === 'owner' ? params.tab : 'all';
  const [tab, setTab] = useState<Tab>(initial);
  const data = queue.data;
  if (!data) return <PageStatus error={queue.error} onRetry={() => void queue.reload()} />;
  const items = data.items.filter((i) => tab === 'all' || (tab === 'owner' ? isOwnerItem(i) : i.kind === tab));
  const overdue = data.items.filter((i) => i.clock.overdue).length;
  const count: Record<Tab, number> = { all: data.items.length, question: data.totals.questions, complaint: data.totals.complaints, dispute: data.totals.disputes, owner: data.totals.owner };
  return (
    <View className='page'>
      <View className='card'>
        <View className='tabs'>
          {(['all', 'question', 'complaint', 'dispute', 'owner'] as Tab[]).map((t) => (
            <Text key={t} className={`tabs__item${tab === t ? ' is-active' : ''}`} onClick={() => setTab(t)}>
              {TAB_LABEL[t]} {count[t]}
            </Text>
          ))}
        </View>
        <Text className='muted' data-testid='queue-summary'>
          {overdue > 0 ? `${overdue} 项已超时，排在最前` : '没有超时的事项'}
        </Text>
      </View>
      <View className='card'>
        {items.length === 0 ? <EmptyState title='都处理完了' detail='新的提问、投诉和纠纷会按时限排在这里。' /> : null}
        {items.map((i) => (
          <View key={i.id} className='link-row' aria-label={`处理：${i.title}`} onClick={() => open(i)}>
            <View>
              <Text>
                【{TAB_LABEL[i.kind]}】{i.title}
              </Text>
              <Text className='muted'>
                {i.who} · {showMonthDayTime(i.createdAt)} · {i.state}
              </Text>
              <SlaClock clock={i.clock} />
            </View>
            <Text className='muted'>›</Text>
          </View>
        ))}
      </View>
      {data.isOwner ? (
        <View className='card'>
          <View className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/owner/support/index' })}>
            <Text>客服数据与话术</Text>
            <Text className='muted'>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
