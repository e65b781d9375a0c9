import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { useCampaignList } from '../../../hooks/useCampaigns';
import { tapRole } from '../../../components/a11y';

const PHASE = { upcoming: '未开始', active: '进行中', ended: '已结束' } as const;

/** 打卡营: recent and upcoming campaigns; join one or open it. */
export default function CampaignListPage() {
  const list = useCampaignList();
  const open = (id: string) => void Taro.navigateTo({ url: `/subpackages/member/campaign/index?id=${id}` });
  return (
    <View className='page'>
      {list.error ? <ErrorNote error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.actionError ? <ErrorNote error={list.actionError} /> : null}
      {list.data?.map((c) => (
        <View key={c.id} className='card' data-testid='campaign-row'>
          <View {...tapRole('link')} className='link-row' onClick={() => open(c.id)}>
            <Text className='section-title'>{c.title}</Text>
            <Text className='muted'>{PHASE[c.phase]} ›</Text>
          </View>
          <Text className='profile__meta'>
            {c.startDay} 起 {c.length} 天 · {c.hostName} 带营 · {c.participants} 人参加 · 全勤奖 {c.reward} 积分
          </Text>
          {c.joined ? (
            <Button className='btn btn--done' onClick={() => open(c.id)}>
              已加入，去打卡
            </Button>
          ) : c.phase !== 'ended' ? (
            <Button className='btn btn--primary' loading={list.busy === `join:${c.id}`} disabled={list.busy !== null} onClick={() => void list.join(c.id)}>
              加入打卡营
            </Button>
          ) : null}
        </View>
      ))}
      {list.data && list.data.length === 0 ? (
        <View className='card'>
          <Text className='muted'>还没有打卡营，讲师创建后会出现在这里。</Text>
        </View>
      ) : null}
    </View>
  );
}
