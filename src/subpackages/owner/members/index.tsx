import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Role } from '../../../../types/domain';
import { ErrorNote } from '../../../components/ErrorNote';
import { MemberList } from '../../../components/MemberList';
import { MemberPicker } from '../../../components/MemberPicker';
import { useMembers } from '../../../hooks/useMembers';

/** 成员与角色 (owner only): grant or revoke the host role; every change is checked on the server. */
export default function OwnerMembersPage() {
  const members = useMembers();
  const onChangeRole = async (memberId: string, role: Role) => {
    const updated = await members.changeRole(memberId, role);
    if (updated) void Taro.showToast({ title: role === 'host' ? '已设为讲师' : '已取消讲师', icon: 'success' });
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='muted'>讲师可以发布课程与活动、点评打卡、调整积分。群主由部署配置指定。查找成员后可在成员详情里修改角色。</Text>
        <MemberPicker label='查找成员' onPick={(m) => void Taro.navigateTo({ url: `/subpackages/host/member/index?memberId=${m.id}` })} />
        {members.error ? <ErrorNote error={members.error} onRetry={() => void members.refresh()} /> : null}
        {members.actionError ? <ErrorNote error={members.actionError} /> : null}
        <MemberList members={members.items} onChangeRole={onChangeRole} changing={members.changing} />
        {members.hasMore ? (
          <Button className='btn btn--ghost' loading={members.loading} onClick={() => void members.more()}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  );
}
