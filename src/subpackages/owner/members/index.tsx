import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Role } from '../../../../types/domain';
import { ErrorNote } from '../../../components/ErrorNote';
import { MemberList } from '../../../components/MemberList';
import { MemberPicker } from '../../../components/MemberPicker';
import { useMembers } from '../../../hooks/useMembers';
import { confirmFirst } from '../../../components/ConfirmButton';

/** 成员与角色 (owner only): grant or revoke the host role; every change is checked on the server. */
export default function OwnerMembersPage() {
  const members = useMembers();
  const onChangeRole = async (memberId: string, role: Role) => {
    const name = members.items.find((m) => m.id === memberId)?.nickname ?? '这位成员';
    const ask = role === 'host' ? { title: '设为讲师', content: `把 ${name} 设为讲师？讲师可以发布课程、点评打卡、调整积分。`, confirmText: '设为讲师' } : { title: '取消讲师', content: `取消 ${name} 的讲师身份？`, confirmText: '取消讲师' };
    if (!(await confirmFirst(ask))) return;
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
