import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { CHANNEL_LABEL } from '../../../core/labels';
import { ROLE_LABEL } from '../../../core/roles';
import { ErrorNote } from '../../../components/ErrorNote';
import { useMemberDetail } from '../../../hooks/useMemberDetail';
import { showDateWords } from '../../../services/time';
import { MemberHistory } from './MemberHistory';
import { MemberCare } from './MemberCare';

/** 成员详情 (hosts and owners): who the member is, how active, their history, and the actions that apply. */
export default function MemberDetailPage() {
  const memberId = useRouter().params.memberId ?? '';
  const { detail, cleanup, role } = useMemberDetail(memberId);
  const d = detail.data;
  if (!d) {
    return <View className='page'>{detail.error ? <ErrorNote error={detail.error} onRetry={() => void detail.reload()} /> : <Text className='muted'>正在加载…</Text>}</View>;
  }
  const m = d.member;
  const name = encodeURIComponent(m.nickname);
  const toggleRole = async () => {
    const next = m.role === 'host' ? 'member' : 'host';
    const { confirm } = await Taro.showModal({ title: '修改角色', content: `把 ${m.nickname} ${next === 'host' ? '设为讲师' : '取消讲师'}？` });
    if (confirm && (await role.submit(m.id, next))) void Taro.showToast({ title: next === 'host' ? '已设为讲师' : '已取消讲师', icon: 'success' });
  };
  return (
    <View className='page'>
      <View className='card' data-testid='member-profile'>
        <Text className='section-title'>
          {m.nickname} <Text className={`role-tag role-tag--${m.role}`}>{ROLE_LABEL[m.role]}</Text>
          {d.needsCleanup ? <Text className='role-tag'>待清理</Text> : null}
        </Text>
        <View className='figure-row'>
          <Text>加入</Text>
          <Text className='figure-row__value'>
            {m.joinDay} · {CHANNEL_LABEL[m.channel]} · 邀请码 {m.inviteCode}
          </Text>
        </View>
        <View className='figure-row'>
          <Text>等级 / 付费会员</Text>
          <Text className='figure-row__value'>
            {d.tierName} · {d.vipUntil ? `VIP 至 ${showDateWords(Date.parse(d.vipUntil) - 1)}` : '非 VIP'}
          </Text>
        </View>
        <View className='figure-row'>
          <Text>积分余额</Text>
          <Text className='figure-row__value'>{m.points}</Text>
        </View>
        <View className='figure-row'>
          <Text>连续签到</Text>
          <Text className='figure-row__value'>
            {d.streak} 天 · 最长 {d.longestStreak} 天 · 累计 {d.totalCheckins} 天
          </Text>
        </View>
        <View className='figure-row'>
          <Text>最近活跃</Text>
          <Text className='figure-row__value'>{d.lastActiveDay ?? '从未活跃'}</Text>
        </View>
        <View className='member-detail__actions'>
          {d.can.adjust ? (
            <Button className='btn btn--small btn--ghost' onClick={() => void Taro.navigateTo({ url: `/subpackages/host/adjust/index?memberId=${m.id}&name=${name}` })}>
              调整积分
            </Button>
          ) : null}
          {d.can.adjust ? (
            <Button className='btn btn--small btn--ghost' onClick={() => void Taro.navigateTo({ url: `/subpackages/games/praise/index?memberId=${m.id}&name=${name}` })}>
              表扬
            </Button>
          ) : null}
          {d.can.grantVip ? (
            <Button className='btn btn--small btn--ghost' onClick={() => void Taro.navigateTo({ url: `/subpackages/owner/vip/index?memberId=${m.id}&name=${name}` })}>
              开通付费会员
            </Button>
          ) : null}
          {d.can.changeRole ? (
            <Button className='btn btn--small btn--ghost' loading={role.submitting} disabled={role.submitting} onClick={() => void toggleRole()}>
              {m.role === 'host' ? '取消讲师' : '设为讲师'}
            </Button>
          ) : null}
          {d.can.markCleanup ? (
            <Button className='btn btn--small btn--ghost' loading={cleanup.submitting} disabled={cleanup.submitting} onClick={() => void cleanup.submit(m.id, !d.needsCleanup)}>
              {d.needsCleanup ? '取消待清理' : '标记待清理'}
            </Button>
          ) : null}
        </View>
        {role.error ? <ErrorNote error={role.error} /> : null}
        {cleanup.error ? <ErrorNote error={cleanup.error} /> : null}
      </View>
      <MemberCare memberId={m.id} nickname={m.nickname} />
      <MemberHistory detail={d} />
    </View>
  );
}
