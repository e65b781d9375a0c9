import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { MemberList } from '../../../components/MemberList';
import { MemberPicker } from '../../../components/MemberPicker';
import { useMembers } from '../../../hooks/useMembers';

/** 会员名单 (hosts and owners): who joined, when, through which channel, and their points. */
export default function HostMembersPage() {
  const members = useMembers();
  return (
    <View className='page'>
      <View className='card'>
        <MemberPicker label='查找成员' onPick={(m) => void Taro.navigateTo({ url: `/subpackages/host/member/index?memberId=${m.id}` })} />
      </View>
      <View className='card'>
        {members.error ? <ErrorNote error={members.error} onRetry={() => void members.refresh()} /> : null}
        <MemberList
          members={members.items}
          onAdjust={(m) => void Taro.navigateTo({ url: `/subpackages/host/adjust/index?memberId=${m.id}&name=${encodeURIComponent(m.nickname)}` })}
        />
        {members.hasMore ? (
          <Button className='btn btn--ghost' loading={members.loading} onClick={() => void members.more()}>
            加载更多
          </Button>
        ) : null}
        {members.items.length === 0 && !members.loading && !members.error ? <Text className='muted'>还没有会员。</Text> : null}
      </View>
    </View>
  );
}
